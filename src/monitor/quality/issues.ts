/** Issue codes, their severities, and the one constructor every check uses. */
import type { IssueSeverity, QualityIssue, QualityIssueCode } from './types.js';

/**
 * Severity per code. Critical: the data cannot be used as is (no rows, a column absent, wrong types,
 * an all-missing column, prices or volumes that cannot be true). Warnings: worth a look, not fatal.
 */
export const ISSUE_SEVERITY: Readonly<Record<QualityIssueCode, IssueSeverity>> = {
  empty_frame: 'critical',
  duplicate_rows: 'warning',
  missing_column: 'critical',
  type_mismatch: 'critical',
  missing_values: 'warning',
  empty_column: 'critical',
  constant_column: 'warning',
  near_constant_column: 'warning',
  outliers: 'warning',
  out_of_reference_range: 'warning',
  unseen_categories: 'warning',
  high_below_open_close: 'critical',
  low_above_open_close: 'critical',
  negative_volume: 'critical',
};

/** Optional parts of an issue. */
export interface IssueDetail {
  column?: string;
  count?: number;
  ratio?: number;
}

/** Builds an issue with the code's severity; optional fields are omitted, not undefined. */
export function issue(code: QualityIssueCode, message: string, detail: IssueDetail = {}): QualityIssue {
  const out: QualityIssue = { code, severity: ISSUE_SEVERITY[code], message };
  if (detail.column !== undefined) out.column = detail.column;
  if (detail.count !== undefined) out.count = detail.count;
  if (detail.ratio !== undefined) out.ratio = detail.ratio;
  return out;
}

/** A ratio as a short percentage for messages: 0.0123 -> '1.23%'. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

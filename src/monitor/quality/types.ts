/** The shapes quality reports are made of (the `check quality --json` contract in DESIGN.md). */
import type { Frame, Schema, SchemaIssue } from '../frame/types.js';
import type { SortedColumns } from '../sorted-columns.js';

/** How bad an issue is: warnings are worth a look, critical issues make the data unfit to score. */
export type IssueSeverity = 'warning' | 'critical';

/** Every issue code a quality report can carry; ISSUE_SEVERITY in issues.ts gives each one's severity. */
export type QualityIssueCode =
  | 'empty_frame'
  | 'duplicate_rows'
  | 'missing_column'
  | 'type_mismatch'
  | 'missing_values'
  | 'empty_column'
  | 'constant_column'
  | 'near_constant_column'
  | 'outliers'
  | 'out_of_reference_range'
  | 'unseen_categories'
  | 'high_below_open_close'
  | 'low_above_open_close'
  | 'negative_volume';

/** One finding. `count` is cells or rows affected; `ratio` is that count over its denominator. */
export interface QualityIssue {
  code: QualityIssueCode;
  severity: IssueSeverity;
  column?: string;
  message: string;
  count?: number;
  ratio?: number;
}

/** Per-column figures; `outlierRatio` is null for columns that are not numeric. */
export interface ColumnQuality {
  column: string;
  dtype: string;
  missingRatio: number;
  outlierRatio: number | null;
  issues: QualityIssue[];
}

/**
 * The report. Ratios are 0-1. `issues` lists every issue, frame-level and per-column alike (those carry
 * `column`), so one list decides the exit status; `columns[].issues` repeats each column's own.
 */
export interface QualityReport {
  score: number;
  rows: number;
  missingRatio: number;
  duplicateRows: number;
  duplicateRatio: number;
  outlierRatio: number;
  columns: ColumnQuality[];
  issues: QualityIssue[];
}

/** Inputs besides the current frame. */
export interface QualityOptions {
  /** Enables the reference checks: values outside the reference range, unseen categories. */
  reference?: Frame;
  /** Expected dtypes; absent columns and cells that do not fit become issues. */
  schema?: Schema;
  /** Schema issues found while reading the frame (readFrame's `schemaIssues`). */
  schemaIssues?: readonly SchemaIssue[];
  /** Top-value share at or above which a column is almost constant; default 0.95. */
  nearConstantShare?: number;
  /** Columns sorted already (by drift): the checks read those instead of scanning; nothing is sorted here. */
  sorted?: SortedColumns;
}

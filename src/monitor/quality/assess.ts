/** assessQuality: every quality check over one frame, assembled into the `check quality --json` report. */
import { checkSchema } from '../frame/schema-check.js';
import type { Column, Frame, SchemaIssue } from '../frame/types.js';
import { consistencyIssues } from './consistency.js';
import { topValue, topValueSorted } from './constant.js';
import { duplicateRows } from './duplicates.js';
import { issue, percent } from './issues.js';
import { missingSummary } from './missing.js';
import { iqrOutliers, iqrOutliersSorted } from './outliers.js';
import { referenceIssues } from './reference-checks.js';
import { meanOutlierRatio, qualityScore } from './score.js';
import type { ColumnQuality, QualityIssue, QualityOptions, QualityReport } from './types.js';

/** Evidently's default for "almost constant": the top value holds at least 95 % of the non-missing cells. */
export const NEAR_CONSTANT_SHARE = 0.95;

/**
 * The guide's metrics (missing ratio, duplicates, IQR outliers, quality score) plus schema, constant,
 * empty, reference-range, unseen-category and OHLCV consistency checks. Pure: no I/O, no clock.
 */
export function assessQuality(current: Frame, opts: QualityOptions = {}): QualityReport {
  const rows = current.rows;
  const nearShare = opts.nearConstantShare ?? NEAR_CONSTANT_SHARE;
  // Sorted values where drift already made them (SortedColumns): read off instead of scanned or selected.
  const sortedOf = (col: Column) => (col.kind === 'numeric' ? opts.sorted?.peek(col) : undefined);
  const missing = missingSummary(current, sortedOf);
  const duplicates = duplicateRows(current);
  const duplicateRatio = rows === 0 ? 0 : duplicates / rows;
  const frameIssues: QualityIssue[] = [];
  if (rows === 0) frameIssues.push(issue('empty_frame', 'the data has no rows'));
  if (duplicates > 0) {
    frameIssues.push(
      issue('duplicate_rows', `${duplicates} rows (${percent(duplicateRatio)}) repeat an earlier row`, {
        count: duplicates,
        ratio: duplicateRatio,
      }),
    );
  }
  const byColumn = new Map<string, QualityIssue[]>(current.columns.map((c) => [c.name, []]));
  const add = (found: QualityIssue) => {
    const list = found.column === undefined ? undefined : byColumn.get(found.column);
    if (list === undefined) frameIssues.push(found);
    else list.push(found);
  };
  for (const s of schemaIssues(current, opts)) add(fromSchemaIssue(s));

  const outlierRatios: number[] = [];
  const scratch = new Float64Array(rows);
  const columns: ColumnQuality[] = current.columns.map((col, i) => {
    const list = byColumn.get(col.name)!;
    const missingCount = missing.counts[i]!;
    const missingRatio = rows === 0 ? 0 : missingCount / rows;
    const sorted = sortedOf(col);
    list.push(...cellIssues(col, rows, missingCount, nearShare, sorted));
    let outlierRatio: number | null = null;
    if (col.kind === 'numeric') {
      const out = sorted ? iqrOutliersSorted(sorted, rows) : iqrOutliers(col.values, scratch);
      outlierRatio = out.ratio;
      outlierRatios.push(out.ratio);
      if (out.count > 0) {
        const fences = `[${out.lower}, ${out.upper}]`;
        const message = `${out.count} values (${percent(out.ratio)}) outside the IQR fences ${fences}`;
        list.push(issue('outliers', message, { column: col.name, count: out.count, ratio: out.ratio }));
      }
    }
    return { column: col.name, dtype: col.dtype, missingRatio, outlierRatio, issues: list };
  });
  if (opts.reference !== undefined) referenceIssues(current, opts.reference, sortedOf).forEach(add);
  consistencyIssues(current).forEach(add);

  return {
    score: rows === 0 ? 0 : qualityScore(missing.ratio, duplicateRatio, outlierRatios),
    rows,
    missingRatio: missing.ratio,
    duplicateRows: duplicates,
    duplicateRatio,
    outlierRatio: meanOutlierRatio(outlierRatios),
    columns,
    issues: [...frameIssues, ...columns.flatMap((c) => c.issues)],
  };
}

/** Missing, empty, constant and almost-constant findings for one column. */
function cellIssues(
  col: Column,
  rows: number,
  missingCount: number,
  nearShare: number,
  sorted: Float64Array | undefined,
): QualityIssue[] {
  const name = col.name;
  if (rows === 0) return [];
  if (missingCount === rows)
    return [issue('empty_column', `"${name}" has no values`, { column: name, count: rows })];
  const out: QualityIssue[] = [];
  if (missingCount > 0) {
    const ratio = missingCount / rows;
    const message = `${missingCount} of ${rows} cells (${percent(ratio)}) of "${name}" are missing`;
    out.push(issue('missing_values', message, { column: name, count: missingCount, ratio }));
  }
  const top = sorted ? topValueSorted(sorted, nearShare) : topValue(col, nearShare);
  // One present value says nothing about variability, so constancy needs at least two.
  if (top.present < 2) return out;
  const share = top.topCount / top.present;
  if (top.topCount === top.present) {
    out.push(
      issue('constant_column', `"${name}" holds a single value`, {
        column: name,
        count: top.present,
        ratio: 1,
      }),
    );
  } else if (share >= nearShare) {
    const message = `one value fills ${percent(share)} of the non-missing cells of "${name}"`;
    out.push(issue('near_constant_column', message, { column: name, count: top.topCount, ratio: share }));
  }
  return out;
}

/** The caller's schema issues, plus the schema's own check, plus cells a reader already failed to coerce. */
function schemaIssues(frame: Frame, opts: QualityOptions): SchemaIssue[] {
  const all = [
    ...(opts.schemaIssues ?? []),
    ...(opts.schema === undefined ? [] : checkSchema(frame, opts.schema)),
  ];
  for (const col of frame.columns) {
    if (col.invalid === 0) continue;
    const message = `${col.invalid} cells in "${col.name}" are not ${col.dtype}`;
    all.push({ code: 'type_mismatch', column: col.name, expected: col.dtype, count: col.invalid, message });
  }
  // The same problem can arrive by several routes: keep the first report of each code and column.
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.code}\u0000${s.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromSchemaIssue(s: SchemaIssue): QualityIssue {
  const detail = s.count === undefined ? { column: s.column } : { column: s.column, count: s.count };
  return issue(s.code, s.message, detail);
}

/** Market-data consistency: OHLC bars whose high and low do not bracket open and close, negative volume. */
import type { Frame, NumericColumn } from '../frame/types.js';
import { numericColumns } from '../frame/types.js';
import { issue, percent } from './issues.js';
import type { QualityIssue } from './types.js';

/** The numeric column whose name is `name`, ignoring case ('Close' as written by yfinance counts). */
function find(frame: Frame, name: string): NumericColumn | undefined {
  return numericColumns(frame).find((c) => c.name.toLowerCase() === name);
}

/** Rows where `bad(x, other)` holds against either present reference value; rows missing `x` are skipped. */
function countRows(
  x: Float64Array,
  refs: readonly Float64Array[],
  bad: (value: number, ref: number) => boolean,
): number {
  let count = 0;
  for (let r = 0; r < x.length; r++) {
    const v = x[r]!;
    if (Number.isNaN(v)) continue;
    // A missing reference compares false, so it never makes a row inconsistent.
    if (refs.some((ref) => bad(v, ref[r]!))) count++;
  }
  return count;
}

/**
 * For frames with OHLCV columns: high >= max(open, close), low <= min(open, close), volume >= 0.
 * Each rule runs when its columns exist and counts violating rows; missing cells are not violations.
 */
export function consistencyIssues(frame: Frame): QualityIssue[] {
  const open = find(frame, 'open');
  const high = find(frame, 'high');
  const low = find(frame, 'low');
  const close = find(frame, 'close');
  const volume = find(frame, 'volume');
  const refs = [open, close].filter((c) => c !== undefined).map((c) => c.values);
  const rows = frame.rows;
  const out: QualityIssue[] = [];
  const report = (code: Parameters<typeof issue>[0], col: NumericColumn, count: number, what: string) => {
    if (count === 0) return;
    const ratio = count / rows;
    out.push(
      issue(code, `${count} rows (${percent(ratio)}) have ${what}`, { column: col.name, count, ratio }),
    );
  };
  if (high !== undefined && refs.length > 0) {
    report(
      'high_below_open_close',
      high,
      countRows(high.values, refs, (h, p) => h < p),
      'high below open or close',
    );
  }
  if (low !== undefined && refs.length > 0) {
    report(
      'low_above_open_close',
      low,
      countRows(low.values, refs, (l, p) => l > p),
      'low above open or close',
    );
  }
  if (volume !== undefined) {
    report(
      'negative_volume',
      volume,
      countRows(volume.values, [volume.values], (v) => v < 0),
      'negative volume',
    );
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import {
  frameFromColumns,
  frameFromRecords,
  OHLCV_SCHEMA,
  readFrame,
} from '../../src/monitor/frame/index.js';
import type { QualityIssue, QualityReport } from '../../src/monitor/quality/index.js';
import {
  assessQuality,
  duplicateRows,
  ISSUE_SEVERITY,
  iqrOutliers,
  qualityScore,
  quantiles,
  topValue,
} from '../../src/monitor/quality/index.js';

const frame = (cols: Record<string, ArrayLike<unknown>>) => frameFromColumns(cols).frame;
const codes = (r: QualityReport, column?: string): string[] =>
  (column === undefined ? r.issues : r.columns.find((c) => c.column === column)!.issues).map((i) => i.code);
const find = (r: QualityReport, code: string): QualityIssue | undefined =>
  r.issues.find((i) => i.code === code);

describe('the guide metrics, known values', () => {
  it('missing ratio is missing cells over rows x cols, counting null, NaN, inf and empty strings', () => {
    const r = assessQuality(frame({ a: [1, null, Number.NaN, 4], b: ['x', '', 'inf', 'y'] }));
    expect(r.missingRatio).toBe(4 / 8);
    expect(r.columns.map((c) => c.missingRatio)).toEqual([0.5, 0.5]);
  });

  it('duplicates keep the first row and treat NaN as equal', () => {
    const f = frame({
      a: [1, 1, Number.NaN, Number.NaN, 2, 0],
      b: ['x', 'x', null, null, 'x', 'x'],
      c: [0, 0, 5, 5, 1, -0],
    });
    expect(duplicateRows(f)).toBe(2);
    const r = assessQuality(f);
    expect(r.duplicateRows).toBe(2);
    expect(r.duplicateRatio).toBe(2 / 6);
    expect(find(r, 'duplicate_rows')).toMatchObject({ severity: 'warning', count: 2 });
  });

  it('duplicates survive hash collisions: distinct rows are never merged', () => {
    const n = 200_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    expect(duplicateRows(frame({ a }))).toBe(0);
    const b = new Float64Array(2 * n);
    b.set(a);
    b.set(a, n);
    expect(duplicateRows(frame({ b }))).toBe(n);
  });

  it('quartiles use linear interpolation at (n - 1) * q', () => {
    expect(quantiles([1, 2, 3, 4], [0.25, 0.5, 0.75])).toEqual([1.75, 2.5, 3.25]);
    expect(quantiles([Number.NaN, 5], [0.25, 0.75])).toEqual([5, 5]);
    expect(quantiles([Number.NaN], [0.5]).map(Number.isNaN)).toEqual([true]);
    expect(quantiles([3, 1, 2], [1, 0])).toEqual([3, 1]);
  });

  it('outlier ratio divides by all rows, missing ones included', () => {
    // n = 6 present: Q1 at 1.25 -> 2.25, Q3 at 3.75 -> 4.75, IQR 2.5, fences [-1.5, 8.5]: only 100 is out.
    const out = iqrOutliers(new Float64Array([1, 2, 3, 4, 5, 100, Number.NaN, Number.NaN]));
    expect([out.q1, out.q3, out.lower, out.upper, out.count]).toEqual([2.25, 4.75, -1.5, 8.5, 1]);
    expect(out.ratio).toBe(1 / 8);
  });

  it('score is 1 - (missing + duplicate + mean outlier ratio), clamped', () => {
    expect(qualityScore(0.1, 0.05, [0.1, 0.3])).toBeCloseTo(0.65, 15);
    expect(qualityScore(0.7, 0.5, [0.2])).toBe(0);
    expect(qualityScore(0, 0, [])).toBe(1);
    const r = assessQuality(
      frame({ a: [1, 2, 3, 4, 5, 100, null, null], s: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }),
    );
    expect(r.outlierRatio).toBe(1 / 8);
    expect(r.score).toBe(1 - (2 / 16 + 0 + 1 / 8));
  });

  it('an empty frame scores 0 with a critical issue, without dividing by zero', () => {
    const r = assessQuality(frameFromRecords([]).frame);
    expect(r).toMatchObject({ score: 0, rows: 0, missingRatio: 0, duplicateRatio: 0, outlierRatio: 0 });
    expect(find(r, 'empty_frame')?.severity).toBe('critical');
  });
});

describe('added checks', () => {
  it('flags constant, almost constant (>= 0.95 of non-missing) and empty columns', () => {
    const near = Array.from({ length: 20 }, (_, i) => (i === 0 ? 2 : 1));
    const r = assessQuality(
      frame({
        flat: Array(20).fill(7),
        near,
        below: near.map((v, i) => (i === 1 ? 3 : v)),
        words: Array.from({ length: 20 }, (_, i) => (i < 19 ? 'buy' : null)),
        nothing: Array(20).fill(null),
      }),
    );
    expect(codes(r, 'flat')).toEqual(['constant_column']);
    expect(codes(r, 'near')).toContain('near_constant_column');
    expect(codes(r, 'below')).not.toContain('near_constant_column');
    expect(codes(r, 'words')).toEqual(['missing_values', 'constant_column']);
    expect(codes(r, 'nothing')).toEqual(['empty_column']);
    expect(r.columns.find((c) => c.column === 'nothing')!.outlierRatio).toBe(0);
  });

  it('honours a lower near-constant share with exact counting', () => {
    const col = frame({ x: [1, 1, 2, 2, 3] }).columns[0]!;
    expect(topValue(col, 0.4)).toEqual({ present: 5, topCount: 2 });
    const r = assessQuality(frame({ x: [1, 1, 2, 2, 3] }), { nearConstantShare: 0.4 });
    expect(codes(r, 'x')).toContain('near_constant_column');
  });

  it('counts values outside the reference range and categories the reference never had', () => {
    const reference = frame({ x: [0, 5, 10], side: ['buy', 'sell', 'buy'] });
    const current = frame({ x: [-1, 3, 11, 12, null], side: ['buy', 'hold', 'hold', 'short', null] });
    const r = assessQuality(current, { reference });
    expect(find(r, 'out_of_reference_range')).toMatchObject({ column: 'x', count: 3, ratio: 3 / 4 });
    const unseen = find(r, 'unseen_categories');
    expect(unseen).toMatchObject({ column: 'side', count: 3, ratio: 3 / 4 });
    expect(unseen?.message).toContain('"hold", "short"');
    expect(codes(assessQuality(current))).not.toContain('out_of_reference_range');
  });

  it('checks OHLCV consistency row by row, skipping missing cells', () => {
    const r = assessQuality(
      frame({
        Open: [10, 10, 10, 10, null],
        High: [11, 9.5, 11, 11, 9],
        Low: [9, 9, 10.5, 9, 10],
        Close: [10.5, 9.8, 10.2, 10.5, 9.5],
        Volume: [100, 100, 100, -5, null],
      }),
    );
    expect(find(r, 'high_below_open_close')).toMatchObject({
      column: 'High',
      count: 2,
      severity: 'critical',
    });
    expect(find(r, 'low_above_open_close')).toMatchObject({ column: 'Low', count: 2 });
    expect(find(r, 'negative_volume')).toMatchObject({ column: 'Volume', count: 1, ratio: 1 / 5 });
  });

  it('reports schema problems: missing columns, and cells that fail coercion', async () => {
    const current = frame({ open: [1.5, 2], high: ['x', 2], low: [1, 1], close: [1, 2], volume: [1.5, 2] });
    const r = assessQuality(current, { schema: { ...OHLCV_SCHEMA, vwap: 'float64' } });
    expect(find(r, 'missing_column')).toMatchObject({ column: 'vwap', severity: 'critical' });
    expect(r.columns.find((c) => c.column === 'high')!.issues[0]).toMatchObject({
      code: 'type_mismatch',
      count: 1,
    });
    expect(find(r, 'type_mismatch')).toBeDefined();
    expect(r.issues.filter((i) => i.code === 'type_mismatch').map((i) => i.column)).toEqual([
      'high',
      'volume',
    ]);

    const path = new URL('../fixtures/frames/ohlcv.csv', import.meta.url).pathname;
    const read = await readFrame(path, { schema: 'ohlcv' });
    const fromRead = assessQuality(read.frame, { schema: OHLCV_SCHEMA, schemaIssues: read.schemaIssues });
    // The reader's issues and the schema re-check describe the same cells: each is reported once.
    expect(fromRead.issues.filter((i) => i.code === 'type_mismatch').map((i) => [i.column, i.count])).toEqual(
      [
        ['high', 1],
        ['volume', 1],
      ],
    );
  });

  it('gives every issue a defined code and severity, and lists column issues at the top level too', async () => {
    const path = new URL('../fixtures/frames/ohlcv.csv', import.meta.url).pathname;
    const { frame: f, schemaIssues } = await readFrame(path, { schema: 'ohlcv' });
    const r = assessQuality(f, { schemaIssues });
    for (const i of r.issues) expect(i.severity).toBe(ISSUE_SEVERITY[i.code]);
    expect(r.issues.length).toBe(r.columns.reduce((n, c) => n + c.issues.length, 0));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

// Agreement with pandas 1.5.3 / numpy 1.24 on the fixtures written by scripts/fixtures/gen_quality.py.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/monitor/frame/index.js';
import type { QualityReport } from '../../src/monitor/quality/index.js';
import { assessQuality, duplicateRows, iqrOutliers, quantiles } from '../../src/monitor/quality/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'quality');

interface ColumnExpectation {
  missingRatio: number;
  numeric: boolean;
  present: number;
  nunique: number;
  topShare: number | null;
  q1?: number | null;
  q3?: number | null;
  outlierRatio?: number;
  outOfRange?: number;
  unseen?: number;
}
interface CaseExpectation {
  csv: string;
  reference?: string;
  rows: number;
  columns: string[];
  missingRatio: number;
  duplicateRows: number;
  duplicateRatio: number;
  outlierRatio: number;
  score: number;
  perColumn: Record<string, ColumnExpectation>;
  consistency?: Record<string, number>;
}

const load = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

function close(actual: number | null, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    expect(actual === null || Number.isNaN(actual), `${what}: ${actual} should be NaN`).toBe(true);
    return;
  }
  expect(actual, what).not.toBeNull();
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  expect(
    Math.abs((actual as number) - expected),
    `${what}: ${actual} vs pandas ${expected}`,
  ).toBeLessThanOrEqual(tol);
}

const codesFor = (report: QualityReport, column: string) =>
  report.columns.find((c) => c.column === column)?.issues.map((i) => i.code) ?? [];

describe.each(['mixed', 'random', 'current', 'ohlcv', 'ties'])('pandas agreement: %s', (name) => {
  const exp = load<CaseExpectation>(`${name}.json`);

  it('matches the guide metrics and score within 1e-12', async () => {
    const { frame } = await readFrame(join(dir, exp.csv));
    expect(frame.rows).toBe(exp.rows);
    expect(frame.columns.map((c) => c.name)).toEqual(exp.columns);
    const report = assessQuality(frame);
    close(report.missingRatio, exp.missingRatio, 'missingRatio');
    expect(report.duplicateRows).toBe(exp.duplicateRows);
    expect(duplicateRows(frame)).toBe(exp.duplicateRows);
    close(report.duplicateRatio, exp.duplicateRatio, 'duplicateRatio');
    close(report.outlierRatio, exp.outlierRatio, 'outlierRatio');
    close(report.score, exp.score, 'score');
    for (const c of report.columns) {
      const e = exp.perColumn[c.column]!;
      close(c.missingRatio, e.missingRatio, `${c.column} missingRatio`);
      expect(c.outlierRatio !== null, `${c.column} numeric`).toBe(e.numeric);
      if (e.numeric) close(c.outlierRatio, e.outlierRatio, `${c.column} outlierRatio`);
    }
  });

  it('matches pandas quartiles per numeric column', async () => {
    const { frame } = await readFrame(join(dir, exp.csv));
    for (const col of frame.columns) {
      const e = exp.perColumn[col.name]!;
      if (col.kind !== 'numeric') continue;
      const out = iqrOutliers(col.values);
      close(out.q1, e.q1, `${col.name} q1`);
      close(out.q3, e.q3, `${col.name} q3`);
    }
  });

  it('flags constant and almost-constant columns as pandas value_counts sees them', async () => {
    const { frame } = await readFrame(join(dir, exp.csv));
    const report = assessQuality(frame);
    for (const [column, e] of Object.entries(exp.perColumn)) {
      const codes = codesFor(report, column);
      expect(codes.includes('empty_column'), `${column} empty`).toBe(e.present === 0);
      expect(codes.includes('constant_column'), `${column} constant`).toBe(e.present >= 2 && e.nunique === 1);
      const near = e.present >= 2 && e.nunique > 1 && (e.topShare ?? 0) >= 0.95;
      expect(codes.includes('near_constant_column'), `${column} near-constant`).toBe(near);
    }
  });

  if (exp.reference !== undefined) {
    const referenceCsv = exp.reference;
    it('matches the reference range and unseen-category counts', async () => {
      const { frame } = await readFrame(join(dir, exp.csv));
      const { frame: reference } = await readFrame(join(dir, referenceCsv));
      const report = assessQuality(frame, { reference });
      for (const [column, e] of Object.entries(exp.perColumn)) {
        const issues = report.columns.find((c) => c.column === column)!.issues;
        const range = issues.find((i) => i.code === 'out_of_reference_range');
        const unseen = issues.find((i) => i.code === 'unseen_categories');
        if (e.outOfRange !== undefined)
          expect(range?.count ?? 0, `${column} out of range`).toBe(e.outOfRange);
        if (e.unseen !== undefined) expect(unseen?.count ?? 0, `${column} unseen`).toBe(e.unseen);
      }
    });
  }

  if (exp.consistency !== undefined) {
    const consistency = exp.consistency;
    it('matches the OHLCV consistency counts', async () => {
      const { frame } = await readFrame(join(dir, exp.csv));
      const report = assessQuality(frame);
      for (const [code, count] of Object.entries(consistency)) {
        const found = report.issues.find((i) => i.code === code);
        expect(found?.count ?? 0, code).toBe(count);
      }
    });
  }
});

describe('quantiles against pandas Series.quantile', () => {
  const cases =
    load<{ values: (number | null)[]; qs: number[]; expected: (number | null)[] }[]>('quantiles.json');

  it.each(cases.map((c, i) => [i, c.values.length, c] as const))('case %i (n=%i)', (_, __, c) => {
    const values = Float64Array.from(c.values, (v) => (v === null ? Number.NaN : v));
    const got = quantiles(values, c.qs);
    c.expected.forEach((e, i) => {
      close(got[i]!, e, `q=${c.qs[i]}`);
    });
  });
});

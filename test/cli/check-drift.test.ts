import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmops } from '../helpers/run-cli.js';

const dir = join(import.meta.dirname, '../fixtures/cli');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const near = (got: number, want: number) =>
  expect(Math.abs(got - want) <= 1e-9 || Math.abs(got - want) <= 1e-6 * Math.abs(want)).toBe(true);

describe('mmops check drift --method ks --json equals scipy.stats.ks_2samp', () => {
  for (const size of ['small', 'large'] as const) {
    it(`${size}: every column (${expected[size].rows.join(' vs ')} rows)`, async () => {
      const r = await mmops([
        'check',
        'drift',
        '--reference',
        join(dir, `${size}_ref.csv`),
        '--current',
        join(dir, `${size}_cur.csv`),
        '--method',
        'ks',
        '--json',
      ]);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout);
      const want = expected[size].ks as Record<string, { statistic: number; pValue: number }>;
      expect(report.columns.map((c: { column: string }) => c.column).sort()).toEqual(
        Object.keys(want).sort(),
      );
      for (const c of report.columns) {
        expect(c.method).toBe('ks');
        near(c.statistic, want[c.column]!.statistic);
        near(c.pValue, want[c.column]!.pValue);
        expect(c.score).toBe(c.pValue);
        // Bonferroni across the 4 columns (README "Drift calibrated to the sample size"): alpha / m
        expect(c.threshold).toBe(0.0125);
        expect(c.drifted).toBe(c.pValue <= 0.0125);
      }
      // ret and close shift in the current set; ticks and noise do not
      expect(r.code).toBe(1);
      expect(report.driftedShare).toBe(0.5);
      expect(report.datasetDrift).toBe(true);
    });
  }
});

describe('mmops check drift', () => {
  const ref = join(dir, 'small_ref.csv');
  const cur = join(dir, 'small_cur.csv');

  it('exits 0 with no drift and prints a readable table', async () => {
    const r = await mmops(['check', 'drift', '--reference', ref, '--current', ref]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/column\s+method\s+statistic/);
    expect(r.stdout).toMatch(/ret\s+ks\s+0\s+1\s+p <= 0.0125\s+ok/);
    expect(r.stdout).toContain('0 of 4 columns drifted');
  });

  it('honours --columns and auto picks KS for a small reference', async () => {
    const r = await mmops([
      'check',
      'drift',
      '--reference',
      ref,
      '--current',
      cur,
      '--columns',
      'noise,ticks',
      '--json',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.columns.map((c: { column: string }) => c.column)).toEqual(['noise', 'ticks']);
    // 800-row reference: KS for >5 distinct values (both columns have more); DRIFT_THRESHOLD is alpha
    expect(report.columns.every((c: { method: string }) => c.method === 'ks')).toBe(true);
    expect(r.code).toBe(0);
  });

  it('DRIFT_THRESHOLD from the environment sets alpha', async () => {
    const r = await mmops(
      ['check', 'drift', '--reference', ref, '--current', cur, '--columns', 'noise', '--json'],
      {
        DRIFT_THRESHOLD: '0.3',
      },
    );
    const [c] = JSON.parse(r.stdout).columns;
    expect(c.threshold).toBe(0.3);
    expect(c.drifted).toBe(true); // p = 0.267 <= 0.3
  });

  it('bad input exits 2 naming the problem', async () => {
    const bad = join(dir, 'does-not-exist.csv');
    const missing = await mmops(['check', 'drift', '--reference', bad, '--current', cur]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does-not-exist.csv');

    const method = await mmops(['check', 'drift', '--reference', ref, '--current', cur, '--method', 'magic']);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain('--method magic');

    const column = await mmops(['check', 'drift', '--reference', ref, '--current', cur, '--columns', 'nope']);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('nope');

    const usage = await mmops(['check', 'drift', '--reference', ref]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--current');

    const config = await mmops(['check', 'drift', '--reference', ref, '--current', cur], {
      DRIFT_THRESHOLD: '2',
    });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('drift.alpha = 2 (from environment variable DRIFT_THRESHOLD)');
  });

  it('a ragged CSV names file and line', async () => {
    const file = join(import.meta.dirname, '../fixtures/cli/ragged.tmp.csv');
    writeFileSync(file, 'a,b\n1,2\n3\n');
    const r = await mmops(['check', 'drift', '--reference', file, '--current', cur]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ragged\.tmp\.csv:3/);
  });
});

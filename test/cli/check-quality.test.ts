import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmops } from '../helpers/run-cli.js';

const dir = join(import.meta.dirname, '../fixtures/quality');
// pandas' numbers for the same files (scripts/fixtures/gen_quality.py)
const want = JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8'));
const near = (got: number, exp: number) => expect(Math.abs(got - exp)).toBeLessThanOrEqual(1e-12);
const tmp = mkdtempSync(join(tmpdir(), 'mmops-quality-'));

describe('mmops check quality', () => {
  it('--json gives the guide score, missing, duplicates and outliers as pandas computes them', async () => {
    const r = await mmops([
      'check',
      'quality',
      '--current',
      join(dir, 'current.csv'),
      '--reference',
      join(dir, 'reference.csv'),
      '--json',
    ]);
    const q = JSON.parse(r.stdout);
    for (const k of ['score', 'missingRatio', 'duplicateRatio', 'outlierRatio'] as const) near(q[k], want[k]);
    expect(q.duplicateRows).toBe(want.duplicateRows);
    for (const c of q.columns) {
      const p = want.perColumn[c.column];
      near(c.missingRatio, p.missingRatio);
      if (p.numeric) near(c.outlierRatio, p.outlierRatio);
    }
    // the reference adds unseen categories and out-of-range values, which are warnings: score 0.92 >= 0.8
    expect(q.issues.map((i: { code: string }) => i.code)).toContain('unseen_categories');
    expect(r.code).toBe(0);
  });

  it('exits 1 when the score is below DATA_QUALITY_THRESHOLD', async () => {
    const r = await mmops(['check', 'quality', '--current', join(dir, 'current.csv')], {
      DATA_QUALITY_THRESHOLD: '0.95',
    });
    expect(r.stdout).toContain('quality score 0.9205 (BELOW 0.95)');
    expect(r.code).toBe(1);
  });

  it('checks the guide OHLCV types and market-data consistency', async () => {
    const file = join(tmp, 'bars.csv');
    writeFileSync(
      file,
      'ts,open,high,low,close,volume\n' +
        '2026-01-01T00:00:00Z,100,101,99,100.5,10\n' +
        '2026-01-01T00:01:00Z,100.5,100.2,99,100.8,12\n' + // high below close
        '2026-01-01T00:02:00Z,100.8,101,99.5,100,-3\n' + // negative volume
        '2026-01-01T00:03:00Z,100,abc,99,100.1,7.5\n', // high not a number, volume not an integer
    );
    const r = await mmops(['check', 'quality', '--current', file, '--json']);
    const codes = JSON.parse(r.stdout).issues.map(
      (i: { code: string; column?: string }) => `${i.code}:${i.column}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'high_below_open_close:high',
        'negative_volume:volume',
        'type_mismatch:high',
        'type_mismatch:volume',
      ]),
    );
    expect(r.code).toBe(1);
    // without OHLCV columns, auto checks no types
    const plain = await mmops(['check', 'quality', '--current', join(dir, 'current.csv'), '--json']);
    expect(JSON.parse(plain.stdout).issues.some((i: { code: string }) => i.code === 'missing_column')).toBe(
      false,
    );
    // an explicit OHLCV schema reports the absent columns
    const ohlcv = await mmops([
      'check',
      'quality',
      '--current',
      join(dir, 'current.csv'),
      '--schema',
      'ohlcv',
      '--json',
    ]);
    expect(
      JSON.parse(ohlcv.stdout).issues.filter((i: { code: string }) => i.code === 'missing_column'),
    ).toHaveLength(5);
    expect(ohlcv.code).toBe(1);
  });

  it('a schema file with a bad dtype exits 2 naming the column', async () => {
    const schema = join(tmp, 'schema.yaml');
    writeFileSync(schema, 'normal: float64\nsymbol: text\n');
    const r = await mmops(['check', 'quality', '--current', join(dir, 'current.csv'), '--schema', schema]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('column "symbol" has dtype "text"');
  });

  it('a bad NDJSON line exits 2 naming file and line', async () => {
    const file = join(import.meta.dirname, '../fixtures/frames/bad-line.ndjson');
    const r = await mmops(['check', 'quality', '--current', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-line\.ndjson:\d+/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/monitor/frame/index.js';
import { frameFromColumns } from '../../src/monitor/frame/index.js';
import { assessQuality, duplicateRows, quantiles } from '../../src/monitor/quality/index.js';

// Cells drawn from small pools so that ties, duplicates, missing values and outliers all happen.
const numberCell = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    1.5,
    2,
    100,
    -50,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    null,
  ),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const stringCell = fc.constantFrom('a', 'b', 'c', '', 'NaN', null);

/** A table: `rows` rows of `numeric` number columns and `text` string columns, as column arrays. */
const table = fc
  .record({
    rows: fc.integer({ min: 0, max: 40 }),
    numeric: fc.integer({ min: 0, max: 4 }),
    text: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ rows, numeric, text }) =>
    fc.tuple(
      fc.array(fc.array(numberCell, { minLength: rows, maxLength: rows }), {
        minLength: numeric,
        maxLength: numeric,
      }),
      fc.array(fc.array(stringCell, { minLength: rows, maxLength: rows }), {
        minLength: text,
        maxLength: text,
      }),
      fc.constant(rows),
    ),
  )
  .map(([nums, strs, rows]) => {
    const cols: Record<string, unknown[]> = {};
    nums.forEach((c, i) => {
      cols[`n${i}`] = c;
    });
    strs.forEach((c, i) => {
      cols[`s${i}`] = c;
    });
    return { cols, rows };
  });

const build = (cols: Record<string, unknown[]>): Frame => frameFromColumns(cols).frame;
const mapCols = (cols: Record<string, unknown[]>, f: (c: unknown[]) => unknown[]) =>
  Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, f(v)]));

/** Duplicates the slow, obvious way: a row's key is its cells with every missing spelling made one. */
function naiveDuplicates(frame: Frame): number {
  const seen = new Set<string>();
  let dups = 0;
  for (let r = 0; r < frame.rows; r++) {
    const key = JSON.stringify(
      frame.columns.map((c) => {
        const v = c.values[r];
        return typeof v === 'number' ? (Number.isNaN(v) ? 'NaN' : v === 0 ? 0 : v) : v;
      }),
    );
    if (seen.has(key)) dups++;
    else seen.add(key);
  }
  return frame.columns.length === 0 ? 0 : dups;
}

/** numpy's linear quantile on a fully sorted copy: the definition, without selection. */
function sortedQuantile(values: number[], q: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const vi = (s.length - 1) * q;
  if (vi >= s.length - 1) return s[s.length - 1]!;
  const lo = Math.floor(vi);
  const t = vi - lo;
  const a = s[lo]!;
  const b = s[lo + 1]!;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

describe('quality properties', () => {
  it('score, missing ratio and duplicate ratio stay in [0, 1]', () => {
    fc.assert(
      fc.property(table, ({ cols }) => {
        const r = assessQuality(build(cols));
        for (const v of [r.score, r.missingRatio, r.duplicateRatio, r.outlierRatio]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        for (const c of r.columns) expect(c.missingRatio).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('duplicating every row of distinct rows gives duplicateRatio 0.5', () => {
    fc.assert(
      fc.property(
        table.filter((t) => t.rows > 0),
        ({ cols, rows }) => {
          const id = Array.from({ length: rows }, (_, i) => i);
          const doubled = mapCols({ id, ...cols }, (c) => [...c, ...c]);
          expect(assessQuality(build(doubled)).duplicateRatio).toBe(0.5);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('doubling any frame adds exactly one duplicate per original row', () => {
    fc.assert(
      fc.property(table, ({ cols, rows }) => {
        const f = build(cols);
        const d = duplicateRows(f);
        const doubled = build(mapCols(cols, (c) => [...c, ...c]));
        expect(duplicateRows(doubled)).toBe(f.columns.length === 0 ? 0 : rows + d);
      }),
      { numRuns: 200 },
    );
  });

  it('duplicate counts agree with a naive row-key count', () => {
    fc.assert(
      fc.property(table, ({ cols }) => {
        const f = build(cols);
        expect(duplicateRows(f)).toBe(naiveDuplicates(f));
      }),
      { numRuns: 300 },
    );
  });

  it('row order changes neither missing, duplicate nor outlier ratios', () => {
    fc.assert(
      fc.property(table, fc.integer(), ({ cols }, seed) => {
        const n = Object.values(cols)[0]?.length ?? 0;
        const perm = Array.from({ length: n }, (_, i) => i).sort(
          (a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101),
        );
        const a = assessQuality(build(cols));
        const b = assessQuality(build(mapCols(cols, (c) => perm.map((i) => c[i]))));
        expect(b.missingRatio).toBe(a.missingRatio);
        expect(b.duplicateRows).toBe(a.duplicateRows);
        expect(b.columns.map((c) => c.outlierRatio)).toEqual(a.columns.map((c) => c.outlierRatio));
      }),
      { numRuns: 200 },
    );
  });

  it('selection-based quantiles equal the sorted-copy definition exactly', () => {
    const values = fc.array(
      fc.oneof(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.constantFrom(Number.NaN, 0, 1, 1)),
      {
        maxLength: 1500,
      },
    );
    const qs = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(values, qs, (v, q) => {
        const got = quantiles(Float64Array.from(v), q);
        q.forEach((x, i) => {
          expect(Object.is(got[i], sortedQuantile(v, x)) || got[i] === sortedQuantile(v, x)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

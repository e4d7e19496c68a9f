/**
 * SortedColumns: quality read off sorted columns (what the engine does after drift sorted them) gives the
 * same report as quality on its own, and drift with the shared sorted columns the same report as without.
 * Cells come from small pools so that ties, -0 and 0, infinities, missing cells and outliers all occur.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../src/monitor/drift/index.js';
import { frameFromColumns } from '../../src/monitor/frame/index.js';
import type { Frame, NumericColumn } from '../../src/monitor/frame/types.js';
import { assessQuality } from '../../src/monitor/quality/index.js';
import { countOutside, finitePart, longestRun, SortedColumns } from '../../src/monitor/sorted-columns.js';

const cell = fc.oneof(
  fc.constantFrom(0, -0, 1, 1.5, 2, 100, -50, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(7, 7, 7, 7), // long runs: constant and almost-constant columns
);
const columns = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, n]) =>
    fc.array(fc.array(cell, { minLength: rows, maxLength: rows }), { minLength: n, maxLength: n }),
  );
const frame = (cols: number[][]): Frame =>
  frameFromColumns(Object.fromEntries(cols.map((c, i) => [`n${i}`, Float64Array.from(c)]))).frame;

/** Every numeric column sorted into a SortedColumns, as drift leaves it. */
function sortedAll(f: Frame): SortedColumns {
  const s = new SortedColumns();
  for (const c of f.columns) if (c.kind === 'numeric') s.of(c);
  return s;
}

describe('quality from sorted columns', () => {
  it('gives the report quality gives alone, with and without a reference', () => {
    fc.assert(
      fc.property(columns, columns, fc.constantFrom(0.5, 0.95), (cur, ref, nearConstantShare) => {
        const current = frame(cur);
        const reference = frame(ref);
        const plain = assessQuality(current, { nearConstantShare, reference });
        const viaSorted = assessQuality(current, {
          nearConstantShare,
          reference,
          sorted: sortedAll(current),
        });
        expect(viaSorted).toEqual(plain);
      }),
      { numRuns: 500 },
    );
  });
});

describe('drift with shared sorted columns', () => {
  it('gives the report drift gives alone', () => {
    fc.assert(
      fc.property(columns, columns, (cur, ref) => {
        const current = frame(cur);
        const reference = frame(ref.map((c) => c.concat([1, 2, 3, 4, 5, 6])));
        for (const method of ['ks', 'wasserstein', 'psi'] as const) {
          expect(detectDrift(reference, current, { method }, new SortedColumns())).toEqual(
            detectDrift(reference, current, { method }),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('big columns (the radix sort, its scratch reused across lengths)', () => {
  it('sorts each column as TypedArray#sort does', () => {
    const s = new SortedColumns();
    for (const [n, missingEvery] of [
      [20_000, 7],
      [5_000, 0],
      [30_000, 3],
    ] as const) {
      const values = Float64Array.from({ length: n }, (_, i) =>
        missingEvery && i % missingEvery === 0 ? Number.NaN : Math.round((Math.random() - 0.5) * 1e5) / 1e2,
      );
      const col: NumericColumn = { kind: 'numeric', name: `c${n}`, dtype: 'float64', values, invalid: 0 };
      const expected = values.filter((v) => !Number.isNaN(v)).sort();
      expect(s.of(col)).toEqual(expected);
    }
  });
});

describe('helpers', () => {
  const sorted = (xs: number[]) => Float64Array.from(xs).sort();
  it('finitePart drops the infinities at the ends only', () => {
    expect([...finitePart(sorted([Number.POSITIVE_INFINITY, 1, Number.NEGATIVE_INFINITY, 2]))]).toEqual([
      1, 2,
    ]);
    expect(finitePart(sorted([Number.POSITIVE_INFINITY])).length).toBe(0);
  });
  it('countOutside counts as v < lower || v > upper does, NaN bounds included', () => {
    const xs = [-3, -1, 0, 0, 2, 5, 9];
    for (const [lo, hi] of [
      [0, 2],
      [-5, 10],
      [Number.NaN, 2],
      [0, Number.NaN],
      [Number.NaN, Number.NaN],
      [5, 5],
    ] as const) {
      expect(countOutside(sorted(xs), lo, hi)).toBe(xs.filter((v) => v < lo || v > hi).length);
    }
  });
  it('longestRun counts -0 and 0 as one value', () => {
    expect(longestRun(sorted([0, -0, 1, 1, -0]))).toBe(3);
    expect(longestRun(sorted([0, -0, -0, 1, 1]))).toBe(3);
    expect(longestRun(new Float64Array(0))).toBe(0);
  });
  it('keeps one sorted copy per column, never the column itself', () => {
    const col: NumericColumn = {
      kind: 'numeric',
      name: 'x',
      dtype: 'float64',
      values: Float64Array.from([3, Number.NaN, 1]),
      invalid: 0,
    };
    const s = new SortedColumns();
    expect(s.peek(col)).toBeUndefined();
    expect([...s.of(col)]).toEqual([1, 3]);
    expect(s.of(col)).toBe(s.peek(col));
    expect([...col.values]).toEqual([3, Number.NaN, 1]);
  });
});

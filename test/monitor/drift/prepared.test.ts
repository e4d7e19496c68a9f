import { describe, expect, it } from 'vitest';
import {
  alignCategories,
  categoricalCounts,
  countCategories,
} from '../../../src/monitor/drift/categorical.js';
import { type DriftOptions, detectDrift, prepareReference } from '../../../src/monitor/drift/index.js';
import type { Frame } from '../../../src/monitor/frame/types.js';
import { categoricalColumn, frameOf, numericColumn } from '../../fixtures/drift/load.js';

/** A seeded uniform generator (LCG), so every run tests the same frames. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Numeric columns at several scales, with missing values, infinities and -0; a categorical column. */
function frame(n: number, seed: number, shift: number): Frame {
  const r = lcg(seed);
  const col = (scale: number, gap: number) =>
    Array.from({ length: n }, (_, i) =>
      i % gap === 0 ? null : i % (gap * 7) === 1 ? -0 : (r() - 0.5 + shift) * scale,
    );
  return frameOf(
    numericColumn('small', col(1, 13)),
    numericColumn('big', col(1e6, 29)),
    numericColumn(
      'levels',
      Array.from({ length: n }, () => Math.floor(r() * 4 + shift * 3)),
    ),
    numericColumn(
      'few',
      Array.from({ length: n }, () => Math.floor(r() * 30)),
    ),
    categoricalColumn(
      'side',
      Array.from({ length: n }, (_, i) =>
        i % 17 === 0 ? null : ['buy', 'sell', 'hold'][Math.floor(r() * 3)]!,
      ),
    ),
    numericColumn('empty', new Array(n).fill(seed === 1 ? 1 : null)),
  );
}

const reference = frame(6000, 1, 0);
const current = frame(9000, 2, 0.05);
// Evidently switches methods at 1000 reference rows: a small reference covers the tests (ks, chisquare).
const smallReference = frame(800, 3, 0);

describe('detectDrift on a prepared reference', () => {
  it.each<[string, Frame, DriftOptions]>([
    ['auto, distances', reference, {}],
    ['auto, tests', smallReference, {}],
    [
      'every numeric method',
      reference,
      { methods: ['ks', 'wasserstein', 'psi', 'jensenshannon'], columns: ['small', 'big', 'few'] },
    ],
    [
      'chisquare on levels and categories',
      smallReference,
      { method: 'chisquare', columns: ['levels', 'side'] },
    ],
    ['psi', reference, { method: 'psi', columns: ['small', 'big', 'levels', 'few', 'side'] }],
  ])('%s: exactly the report of the unprepared frame, on every reuse', (_name, ref, options) => {
    const expected = detectDrift(ref, current, options);
    const prepared = prepareReference(ref);
    expect(detectDrift(prepared, current, options)).toStrictEqual(expected);
    // Reused against another current frame and back: the cache must not carry anything across.
    const other = frame(5000, 9, 0.3);
    expect(detectDrift(prepared, other, options)).toStrictEqual(detectDrift(ref, other, options));
    expect(detectDrift(prepared, current, options)).toStrictEqual(expected);
  });

  it('sorts each reference column once, however many evaluations', () => {
    const prepared = prepareReference(reference);
    const col = reference.columns[0]!;
    if (col.kind !== 'numeric') throw new Error('fixture');
    expect(prepared.numeric(col)).toBe(prepared.numeric(col));
  });

  it('throws the same option and column errors', () => {
    const prepared = prepareReference(reference);
    expect(() => detectDrift(prepared, current, { columns: ['nope'] })).toThrow(/"nope"/);
    expect(() => detectDrift(prepared, current, { method: 'chisquare', columns: ['small'] })).toThrow(
      /does not apply to numeric column "small"/,
    );
  });
});

describe('category counts of a prepared reference', () => {
  it('align with a current sample exactly as counting both together, and are left unchanged', () => {
    const ref = ['b', null, 'a', 'b', 'c', 'a', 'b'];
    const cur = ['d', 'a', null, 'e', 'd', 'b'];
    const counted = countCategories(ref);
    const before = structuredClone({ index: [...counted.index], counts: counted.counts, n: counted.n });
    expect(alignCategories(counted, cur)).toStrictEqual(categoricalCounts(ref, cur));
    expect(alignCategories(counted, cur)).toStrictEqual(categoricalCounts(ref, cur));
    expect({ index: [...counted.index], counts: counted.counts, n: counted.n }).toStrictEqual(before);
    expect(categoricalCounts(ref, cur).counts.ref).toEqual(Float64Array.from([3, 2, 1, 0, 0]));
  });
});

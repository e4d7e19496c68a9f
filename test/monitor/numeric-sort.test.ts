import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '../../src/monitor/numeric-sort.js';

/** A seeded generator (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bit-exact comparison (Object.is tells -0 from 0) against Float64Array#sort. */
function expectSameAsV8(values: Float64Array): void {
  const want = values.slice().sort();
  const got = sortFloat64(values.slice());
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`index ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

const EDGES = [
  0,
  -0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE, // the smallest subnormal
  -Number.MIN_VALUE,
  2.2250738585072014e-308, // the smallest normal
  2.225073858507201e-308, // the largest subnormal
  -2.225073858507201e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1,
  -1,
  0.1,
  -0.1,
  Number.EPSILON,
  1 + Number.EPSILON,
];

describe('sortFloat64 (radix sort on the IEEE-754 bits)', () => {
  it.each([0, 1, 2, 100, 4095, 4096, 10_000, 100_000])('random normals, n = %i', (n) => {
    const r = rng(n + 1);
    expectSameAsV8(Float64Array.from({ length: n }, () => (r() - 0.5) * 10 ** Math.floor(r() * 20 - 10)));
  });

  it('edge values (-0, +-inf, subnormals, extremes) mixed with many duplicates, above the radix cutoff', () => {
    const r = rng(7);
    expectSameAsV8(Float64Array.from({ length: 20_000 }, () => EDGES[Math.floor(r() * EDGES.length)]!));
  });

  it('few distinct values, one value, and already sorted or reversed input', () => {
    const r = rng(3);
    expectSameAsV8(Float64Array.from({ length: 50_000 }, () => Math.floor(r() * 4) - 2));
    expectSameAsV8(new Float64Array(50_000).fill(-0));
    const sorted = Float64Array.from({ length: 50_000 }, (_, i) => i / 7 - 3000);
    expectSameAsV8(sorted);
    expectSameAsV8(sorted.slice().reverse());
  });

  it('any bit pattern that is not NaN (random 64-bit words)', () => {
    const r = rng(11);
    const a = new Float64Array(30_000);
    const words = new Uint32Array(a.buffer);
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(r() * 2 ** 32);
    for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]!)) a[i] = i % 2 ? 0 : -0;
    expectSameAsV8(a);
  });

  it('sorts in place, a view into a larger buffer included, and returns its argument', () => {
    const r = rng(5);
    const buffer = new Float64Array(12_000).map(() => r() * 100 - 50);
    const outside = [buffer[0], buffer[11_999]];
    const view = buffer.subarray(1, 11_999);
    const want = view.slice().sort();
    expect(sortFloat64(view)).toBe(view);
    expect(Array.from(view)).toEqual(Array.from(want));
    expect([buffer[0], buffer[11_999]]).toEqual(outside);
  });
});

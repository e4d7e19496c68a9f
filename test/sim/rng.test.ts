import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/index.js';
import { normalCdf, seedToUint32 } from '../../src/sim/rng.js';
import { meanStd } from './helpers/metrics.js';

const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('createRng', () => {
  it('replays the same sequence for the same seed and stream', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(8), (seed, stream) => {
        const a = createRng(seed, stream);
        const b = createRng(seed, stream);
        expect(draws(20, () => a.next())).toEqual(draws(20, () => b.next()));
        expect(draws(5, () => a.normal())).toEqual(draws(5, () => b.normal()));
      }),
    );
  });

  it('gives unrelated sequences for neighbouring seeds and for streams', () => {
    const first = (seed: number, stream = 0) => draws(8, () => createRng(seed, stream).next());
    expect(first(1)).not.toEqual(first(2));
    expect(first(1, 0)).not.toEqual(first(1, 1));
  });

  it('draws uniforms in [0, 1) with the right mean and spread', () => {
    const rng = createRng(11);
    const xs = draws(50_000, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, std } = meanStd(xs);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(std).toBeCloseTo(Math.sqrt(1 / 12), 2);
  });

  it('draws standard normals (Box-Muller) and lognormals around their median', () => {
    const rng = createRng(12);
    const { mean, std } = meanStd(draws(50_000, () => rng.normal()));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeCloseTo(1, 1);
    const logs = draws(20_001, () => rng.lognormal(0.033, 0.35)).sort((a, b) => a - b);
    expect(logs[10_000]!).toBeGreaterThan(0.031);
    expect(logs[10_000]!).toBeLessThan(0.035);
  });

  it('int, chance and pick stay in range', () => {
    const rng = createRng(13);
    const ints = draws(10_000, () => rng.int(6));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(draws(10_000, () => (rng.chance(0.2) ? 1 : 0)).reduce((a, b) => a + b, 0)).toBeGreaterThan(1800);
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('accepts any finite seed and refuses NaN', () => {
    expect(seedToUint32(2 ** 40 + 3)).not.toBe(seedToUint32(3));
    for (const seed of [-1, 0.5, 2 ** 53, -(2 ** 40)]) {
      const u = seedToUint32(seed);
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
    }
    expect(seedToUint32(-1)).not.toBe(seedToUint32(1));
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.644854)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
    expect(normalCdf(3)).toBeCloseTo(0.99865, 6);
  });
});

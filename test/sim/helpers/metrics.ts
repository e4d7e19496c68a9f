/** The market-maker metrics, computed the plain way, to judge what the simulator produces. */
import type { Generated } from '../../../src/sim/index.js';

/** Share of successful predictions equal to their actual. */
export function accuracy(gens: readonly Generated[]): number {
  const ok = gens.filter((g) => g.record.prediction !== undefined);
  return ok.filter((g) => g.record.prediction === g.actual).length / ok.length;
}

/** Nearest-rank quantile of the records' latency, in seconds. */
export function latencyQuantile(gens: readonly Generated[], p: number): number {
  const xs = gens.map((g) => g.record.latency_seconds).sort((a, b) => a - b);
  return xs[Math.ceil(p * xs.length) - 1]!;
}

/** Share of records that failed. */
export function errorRate(gens: readonly Generated[]): number {
  return gens.filter((g) => g.record.error !== undefined).length / gens.length;
}

/** Share of quoted spreads within their limit. */
export function spreadCompliance(gens: readonly Generated[]): number {
  const quoted = gens.filter((g) => g.record.spread !== undefined);
  return quoted.filter((g) => g.record.spread! <= g.record.spread_limit!).length / quoted.length;
}

/** Mean and sample standard deviation. */
export function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, std };
}

/** Wasserstein-1 distance between two samples, divided by the reference std (Evidently's normed form). */
export function normedWasserstein(reference: readonly number[], current: readonly number[]): number {
  const a = [...reference].sort((x, y) => x - y);
  const b = [...current].sort((x, y) => x - y);
  const all = [...a, ...b].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let area = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const x = all[k]!;
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    area += Math.abs(i / a.length - j / b.length) * (all[k + 1]! - x);
  }
  return area / meanStd(reference).std;
}

/** The numbers of one feature column, missing values left out. */
export function column(rows: readonly Record<string, unknown>[], name: string): number[] {
  return rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number');
}

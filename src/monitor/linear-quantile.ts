/**
 * numpy's default quantile (method='linear', Hyndman & Fan type 7) of ascending `sorted` values, q in [0, 1].
 * Follows numpy 1.24 `_quantile`: virtual index h = (n - 1) * q, previous = floor(h), clamped to the last
 * element; gamma = h - previous; and `_lerp`, which for gamma >= 0.5 interpolates back from the upper
 * neighbour (b - (b - a) * (1 - gamma)) so the result is exact at both ends. `sorted` must not be empty.
 */
export function linearQuantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const h = (n - 1) * q;
  if (h >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const gamma = h - lo;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** Gauge helpers that never leave a stale value behind. */
import type { Gauge } from 'prom-client';

/** A finite number, or null: NaN and the infinities are "no data" here. */
export const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/**
 * Sets an unlabelled gauge, or removes its sample when there is no value. prom-client's reset() puts a
 * label-less gauge back to 0, and a quality score of 0 is an alert, not "no data": remove() leaves only
 * the HELP and TYPE lines, so PromQL sees the series as absent.
 */
export function setOrClear(gauge: Gauge, value: number | null | undefined): void {
  const v = finite(value);
  if (v === null) gauge.remove();
  else gauge.set(v);
}

/** Replaces every series of a labelled gauge with `rows`: label sets not listed disappear. */
export function replaceSeries<L extends string>(
  gauge: Gauge<L>,
  rows: Iterable<{ labels: Record<L, string>; value: number | null | undefined }>,
): void {
  // reset() and the sets run in one synchronous stretch, so no scrape can see the gauge half-filled.
  gauge.reset();
  for (const { labels, value } of rows) {
    const v = finite(value);
    if (v !== null) gauge.set(labels as Partial<Record<L, string | number>>, v);
  }
}

/**
 * This host's figures as the alerts judge them: over their `for`. The console samples its own host every
 * refresh, and one busy second (the console's own start-up, a build) must not read CRIT; the alert on the
 * same figure fires only once it has held for `for` (5m by default). So the state is judged on the mildest
 * value of the last `for` seconds, and until the samples span `for`, the figure is "warming up".
 */
import type { HostUsage } from '../panels/resources.js';

/** One probe of this host. */
export interface HostSample {
  at: number;
  usage: HostUsage;
}

/** The resources judged. */
export const HOST_KINDS = ['cpu', 'memory', 'disk', 'gpu'] as const;
type Kind = (typeof HOST_KINDS)[number];

/** Appends `sample` and drops what is older than `keepMs` before it (the longest `for`). */
export function appendHostSample(
  history: readonly HostSample[],
  sample: HostSample,
  keepMs: number,
): HostSample[] {
  const from = sample.at - keepMs;
  // keep one sample at or before the window's start: it proves the samples span the whole window
  let cut = 0;
  while (cut + 1 < history.length && history[cut + 1]!.at <= from) cut += 1;
  return [...history.slice(cut), sample];
}

/**
 * The value of each resource to judge: the minimum over the last `forMs[k]` (every level here is "bad
 * above", so the alert's condition held the whole time exactly when the minimum crosses the level);
 * null while the samples do not yet span `forMs[k]` (warming up), or when the resource is not measured.
 */
export function sustainedUsage(
  history: readonly HostSample[],
  now: number,
  forMs: Readonly<Record<Kind, number>>,
): Record<Kind, number | null> {
  const out = { cpu: null, memory: null, disk: null, gpu: null } as Record<Kind, number | null>;
  for (const k of HOST_KINDS) {
    const from = now - forMs[k];
    // the last sample at or before the window's start: its value held until the next one
    let start = -1;
    for (let i = 0; i < history.length && history[i]!.at <= from; i++) start = i;
    if (start < 0) continue;
    let min = Number.POSITIVE_INFINITY;
    for (let i = start; i < history.length; i++) {
      const v = history[i]!.usage[k];
      min = v === null ? Number.NaN : Math.min(min, v);
      if (v === null) break;
    }
    out[k] = Number.isFinite(min) ? min : null;
  }
  return out;
}

/** GPU utilisation from systeminformation's graphics(), with the "no GPU" answer cached. */
import { clampRatio } from './disk.js';
import type { Settled } from './settle.js';
import type { GpuController, GpuSnapshot } from './types.js';

/**
 * The busiest measurable GPU among `controllers`, or null when none reports utilisation.
 *
 * Only controllers merged with an nvidia-smi row are measurable. systeminformation 5 copies nvidia-smi's
 * fields with `if (value)`, so an idle GPU (0 %, or 0 MiB used) loses `utilizationGpu` / `memoryUsed`;
 * `pciBus` is set only by that merge, so a controller with `pciBus` and no `utilizationGpu` is at 0 %.
 */
export function gpuFromControllers(controllers: readonly GpuController[]): GpuSnapshot | null {
  const measured = controllers.filter((c) => typeof c.utilizationGpu === 'number' || c.pciBus !== undefined);
  if (measured.length === 0) return null;
  let utilization = 0;
  let memory: number | null = null;
  for (const c of measured) {
    utilization = Math.max(utilization, clampRatio((c.utilizationGpu ?? 0) / 100) ?? 0);
    if (typeof c.memoryTotal === 'number' && c.memoryTotal > 0) {
      const m = clampRatio((c.memoryUsed ?? 0) / c.memoryTotal) ?? 0;
      memory = Math.max(memory ?? 0, m);
    }
  }
  const name = measured.map((c) => c.name ?? c.model).join(', ');
  return { utilizationRatio: utilization, memoryRatio: memory, name };
}

/** How the GPU probe reaches graphics() and the clock. */
export interface GpuProbeOptions {
  graphics: Settled<{ controllers: GpuController[] }>;
  clock: () => number;
  /** After finding no GPU, ask again only after this long (ms). */
  recheckMs: number;
}

/**
 * Returns a probe that asks graphics() every time while a GPU is known, and otherwise at most once per
 * `recheckMs`. graphics() spawns lspci (and nvidia-smi when present): tens of ms on a host without a GPU,
 * spent for nothing on every sample. A GPU seen once is asked for on each sample, since its utilisation is
 * the point; a failed call then yields null for that sample only. A failure before any GPU was seen counts
 * as "no GPU", so a broken lspci is not respawned on every sample either.
 */
export function createGpuProbe(options: GpuProbeOptions): () => Promise<GpuSnapshot | null> {
  const { graphics, clock, recheckMs } = options;
  let seen = false;
  let askAfter = Number.NEGATIVE_INFINITY; // epoch ms
  return async () => {
    if (!seen && clock() < askAfter) return null;
    const data = await graphics();
    const gpu = data === null ? null : gpuFromControllers(data.controllers ?? []);
    if (gpu !== null) seen = true;
    else if (!seen || data !== null) {
      // No GPU answer: cache it. (A GPU that vanished from a successful answer, e.g. a driver unload, too.)
      seen = false;
      askAfter = clock() + recheckMs;
    }
    return gpu;
  };
}

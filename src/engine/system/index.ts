/** Host health: the sampler (systeminformation, bounded and cached), the verdict, and the rule values. */
export { clampRatio, diskRatioOf, filesystemOf } from './disk.js';
export { createGpuProbe, type GpuProbeOptions, gpuFromControllers } from './gpu.js';
export { type HealthLimits, healthOf, type Resource, type SystemHealth } from './health.js';
export { parseNetDev, readNetworkCounters, sumNetworkStats } from './network.js';
export { createSystemSampler, type SystemSampler, type SystemSamplerOptions } from './sampler.js';
export { bounded, type Settled, settled } from './settle.js';
export type {
  FsEntry,
  GpuController,
  GpuSnapshot,
  NetworkCounters,
  SystemInfoSource,
  SystemSnapshot,
} from './types.js';
export { systemValues } from './values.js';

/** Host health shapes: the snapshot the sampler returns and the slice of systeminformation it reads. */

/** Bytes received and sent since boot, summed over every interface except loopback. */
export interface NetworkCounters {
  rxBytes: number;
  txBytes: number;
}

/** The busiest GPU (NVIDIA only: nvidia-smi is the only source of utilisation systeminformation has). */
export interface GpuSnapshot {
  /** 0-1, the highest utilisation over the GPUs: one saturated device bottlenecks the model pinned to it. */
  utilizationRatio: number;
  /** 0-1, the highest memory use over the GPUs; null when nvidia-smi gave no memory figures. */
  memoryRatio: number | null;
  /** Model names, comma-separated when there are several GPUs. */
  name: string;
}

/** One reading of the host. A field is null when its source failed or timed out. */
export interface SystemSnapshot {
  /** 0-1, busy CPU time since the previous sample (systeminformation's currentLoad). */
  cpuRatio: number | null;
  /** 0-1, (total - available) / total, the same figure as psutil's virtual_memory().percent / 100. */
  memoryRatio: number | null;
  /** 0-1, used / (used + available) of the filesystem holding the sampler's path, as df and psutil compute it. */
  diskRatio: number | null;
  load1: number | null;
  load5: number | null;
  load15: number | null;
  network: NetworkCounters | null;
  /** null when the host has no GPU that reports utilisation (or the last probe failed). */
  gpu: GpuSnapshot | null;
  /** When the sample was taken, epoch ms. */
  ts: number;
}

/** One filesystem as systeminformation's fsSize() lists it (sizes in bytes). */
export interface FsEntry {
  mount: string;
  size: number;
  used: number;
  available: number;
  /** df's Use%, 0-100. */
  use: number;
}

/** One graphics controller as systeminformation's graphics() lists it (memory in MiB). */
export interface GpuController {
  model: string;
  name?: string;
  /** Set only when nvidia-smi's row was merged into this controller. */
  pciBus?: string;
  utilizationGpu?: number;
  memoryUsed?: number;
  memoryTotal?: number;
}

/** The systeminformation calls the sampler makes; the real module satisfies it, tests pass fakes. */
export interface SystemInfoSource {
  currentLoad(): Promise<{ currentLoad: number }>;
  mem(): Promise<{ total: number; active: number }>;
  fsSize(): Promise<FsEntry[]>;
  networkStats(ifaces: string): Promise<{ iface: string; rx_bytes: number; tx_bytes: number }[]>;
  graphics(): Promise<{ controllers: GpuController[] }>;
}

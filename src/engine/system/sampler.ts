/** The host sampler: CPU, memory, disk, load, network and GPU in one bounded, never-throwing call. */
import { loadavg as osLoadavg } from 'node:os';
import { resolve } from 'node:path';
import systeminformation from 'systeminformation';
import { type Budget, type BudgetSources, createBudgetReader } from './budget.js';
import { clampRatio, diskRatioOf, filesystemOf } from './disk.js';
import { createGpuProbe } from './gpu.js';
import { readNetworkCounters, sumNetworkStats } from './network.js';
import { settled } from './settle.js';
import type { NetworkCounters, SystemInfoSource, SystemSnapshot } from './types.js';

/** What the sampler reads from and how long it waits. Every field has a default. */
export interface SystemSamplerOptions {
  /** The systeminformation module, or a fake. */
  si?: SystemInfoSource;
  /** Epoch ms; stamps each snapshot and paces the GPU re-check. */
  clock?: () => number;
  /** The disk ratio is of the filesystem holding this path (the engine passes its data dir). Default '/'. */
  path?: string;
  /** Per-source time limit, ms. Default 2000. */
  timeoutMs?: number;
  /** graphics() time limit, ms: it spawns nvidia-smi, slow on a busy GPU host. Default 5000. */
  gpuTimeoutMs?: number;
  /** How long a "no GPU" answer is trusted, ms. Default 10 minutes. */
  gpuRecheckMs?: number;
  /** Network counters; default /proc/net/dev. null (not Linux) falls back to si.networkStats('*'). */
  readNetwork?: () => Promise<NetworkCounters | null>;
  /** 1, 5 and 15 minute load averages. Default os.loadavg. */
  loadavg?: () => number[];
  /** Judge this process's memory and CPU against budgets instead of the host (budget.ts). */
  budget?: Budget;
  budgetSources?: BudgetSources;
}

// A source that resolves to a malformed value throws while it is read: that field is null, like a failure.
const orNull = <T>(p: Promise<T | null>): Promise<T | null> => p.catch(() => null);

/** Takes host snapshots. */
export interface SystemSampler {
  /**
   * One reading of every source, concurrently; failed or slow sources are null. Never rejects. Settles within
   * max(2 x timeoutMs, gpuTimeoutMs): the network may try /proc/net/dev and then systeminformation.
   */
  sample(): Promise<SystemSnapshot>;
}

/**
 * Creates a sampler. CPU is systeminformation's currentLoad: busy time since the previous call, so a sampler
 * called each evaluation reports the average over the evaluation interval, where the guide's
 * psutil.cpu_percent(interval=1) blocks for a second to see one second of it. (systeminformation's first
 * currentLoad call in a process primes its counters and waits 500 ms; its state is module-wide, so another
 * caller in the same process shortens our interval.) Memory is mem().active / total: on Linux systeminformation sets
 * active = total - MemAvailable, so this is psutil's virtual_memory().percent; `used` (total - free) would
 * count the page cache, which the kernel gives back on demand, and read near 100 % on any busy host.
 */
export function createSystemSampler(options: SystemSamplerOptions = {}): SystemSampler {
  const si: SystemInfoSource = options.si ?? systeminformation;
  const clock = options.clock ?? Date.now;
  const path = resolve(options.path ?? '/');
  const timeoutMs = options.timeoutMs ?? 2000;
  const loadavg = options.loadavg ?? osLoadavg;
  const readNetwork = options.readNetwork ?? (() => readNetworkCounters());

  const currentLoad = settled(() => si.currentLoad(), timeoutMs);
  const mem = settled(() => si.mem(), timeoutMs);
  const fsSize = settled(() => si.fsSize(), timeoutMs);
  const procNet = settled(readNetwork, timeoutMs);
  const siNet = settled(() => si.networkStats('*'), timeoutMs);
  const gpu = createGpuProbe({
    graphics: settled(() => si.graphics(), options.gpuTimeoutMs ?? 5000),
    clock,
    recheckMs: options.gpuRecheckMs ?? 10 * 60_000,
  });

  const cpuRatio = async () => {
    if (options.budget?.cpuCores != null) return budget?.cpuRatio() ?? null;
    const load = await currentLoad();
    return load === null ? null : clampRatio(load.currentLoad / 100);
  };
  const budget = options.budget ? createBudgetReader(options.budget, options.budgetSources) : null;
  const memoryRatio = async () => {
    if (options.budget?.memoryBytes != null) return budget?.memoryRatio() ?? null;
    const m = await mem();
    return m === null || !(m.total > 0) ? null : clampRatio(m.active / m.total);
  };
  const diskRatio = async () => {
    const list = await fsSize();
    const entry = Array.isArray(list) ? filesystemOf(list, path) : undefined;
    return entry === undefined ? null : diskRatioOf(entry);
  };
  const network = async () => {
    const counters = await procNet();
    if (counters !== null) return counters;
    const rows = await siNet();
    return Array.isArray(rows) ? sumNetworkStats(rows) : null;
  };
  const loads = () => {
    try {
      const [l1, l5, l15] = loadavg();
      const ok = (x: number | undefined) =>
        typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null;
      return { load1: ok(l1), load5: ok(l5), load15: ok(l15) };
    } catch {
      return { load1: null, load5: null, load15: null };
    }
  };

  return {
    async sample() {
      const [cpu, memory, disk, net, gpuSnap] = await Promise.all([
        orNull(cpuRatio()),
        orNull(memoryRatio()),
        orNull(diskRatio()),
        orNull(network()),
        orNull(gpu()),
      ]);
      return {
        cpuRatio: cpu,
        memoryRatio: memory,
        diskRatio: disk,
        ...loads(),
        network: net,
        gpu: gpuSnap,
        ts: clock(),
      };
    },
  };
}

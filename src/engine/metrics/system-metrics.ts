/** Host gauges from the latest snapshot, the GPU gauge once a GPU is seen, and live network counters. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { NetworkCounters, SystemSnapshot } from '../system/index.js';
import type { MetricNames } from './names.js';
import { setOrClear } from './series.js';

/** Reads the host's network counters at scrape time; null when unavailable. */
export type NetworkReader = () => Promise<NetworkCounters | null>;

/** Registers the host metrics on `registry`; returns the snapshot writer. */
export function createSystemMetrics(
  registry: Registry,
  names: MetricNames,
  readNetwork: NetworkReader,
): (snapshot: SystemSnapshot | null) => void {
  const registers = [registry];
  const plain = (name: string, help: string, into: Registry[] = registers) => {
    const g = new Gauge({ name, help, registers: into });
    g.remove(); // absent until a snapshot has the value
    return g;
  };
  // With a budget set (system.*_budget_*, the demo's), the two figures are this process's against it
  // (system/budget.ts): the HELP says so, or a reader takes 100 % for a full machine.
  const cpu = plain(
    names.cpuUtilization,
    'CPU busy since the previous sample, 0-1: the host, or this process against system.cpu_budget_cores when set.',
  );
  const memory = plain(
    names.memoryUtilization,
    'Memory in use, 0-1: the host, (total - available) / total, or this process against system.memory_budget_bytes when set.',
  );
  const disk = plain(names.diskUtilization, 'Used share of the filesystem holding the data dir, 0-1.');
  const load1 = plain(names.load1, 'Host 1-minute load average.');
  const load5 = plain(names.load5, 'Host 5-minute load average.');
  const load15 = plain(names.load15, 'Host 15-minute load average.');
  // Registered on first sight of a GPU (DESIGN.md: "only when a GPU exists"): a host without one never
  // shows the name, so dashboards and the HighGpuUtilization rule see "no data" rather than 0 %.
  const gpu = plain(names.gpuUtilization, 'Utilization of the busiest GPU, 0-1.', []);
  let gpuRegistered = false;

  // The snapshot's counters, used when the live read fails (non-Linux hosts, where /proc/net/dev is missing).
  let latest: NetworkCounters | null = null;
  // The two counters are collected concurrently in one scrape: share one read of /proc/net/dev.
  let reading: Promise<NetworkCounters | null> | null = null;
  const network = async () => {
    reading ??= readNetwork()
      .catch(() => null)
      .finally(() => {
        reading = null;
      });
    return (await reading) ?? latest;
  };
  // Counter semantics from an OS counter: each scrape replaces the value with the kernel's since-boot total.
  // A reboot (or a vanished interface) lowers it, which Prometheus' rate() treats as a counter reset.
  const counter = (name: string, help: string, pick: (n: NetworkCounters) => number) => {
    const c: Counter = new Counter({
      name,
      help,
      registers,
      collect: async () => {
        const n = await network();
        c.reset();
        const v = n === null ? Number.NaN : pick(n);
        // A throw here would fail the whole scrape; a bad reading only drops this sample.
        if (Number.isFinite(v) && v >= 0) c.inc(v);
        else c.remove();
      },
    });
    c.remove();
  };
  counter(names.networkReceive, 'Bytes received by the host, all interfaces but loopback.', (n) => n.rxBytes);
  counter(names.networkTransmit, 'Bytes sent by the host, all interfaces but loopback.', (n) => n.txBytes);

  return (s) => {
    setOrClear(cpu, s?.cpuRatio);
    setOrClear(memory, s?.memoryRatio);
    setOrClear(disk, s?.diskRatio);
    setOrClear(load1, s?.load1);
    setOrClear(load5, s?.load5);
    setOrClear(load15, s?.load15);
    latest = s?.network ?? null;
    if (s?.gpu && !gpuRegistered) {
      registry.registerMetric(gpu);
      gpuRegistered = true;
    }
    // Once registered it stays, but a snapshot without a GPU reading removes the sample: no stale value.
    setOrClear(gpu, s?.gpu?.utilizationRatio);
  };
}

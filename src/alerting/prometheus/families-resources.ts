/** Host resources from node-exporter, DCGM and the engine's own gauges, and SystemHealthDegraded. */
import type { Config } from '../../config/index.js';
import { type Level, levelBook } from '../../monitor/index.js';
import { RUNBOOK } from '../keys.js';
import { type Family, pair } from './family.js';
import { dcgmGpu, nodeCpu, nodeDisk, nodeMemory } from './host-signals.js';
import { gauge, type Signal } from './signals.js';

/** High{Cpu,Memory,Disk,Gpu}Utilization from the host exporter and the engine, and SystemHealthDegraded. */
export function resources(config: Config): Family[] {
  const { metrics } = config;
  const book = levelBook(config);
  const prefix = metrics.prefix;
  const group = 'market_master_resources';
  const both = (
    alert: string,
    what: string,
    row: Level,
    host: Signal,
    hostSource: string,
    engineSuffix: string,
  ): Family[] => {
    // `source` tells the host exporter's rule from the engine's own gauge (same name and severity).
    const base = { group, alert, for: row.for, runbook: RUNBOOK.resources };
    const levels = (source: string) => pair(row, { source });
    return [
      {
        ...base,
        signal: host,
        levels: levels(hostSource),
        summary: `${what} utilization is high`,
        subject: `${what} utilization of {{ $labels.instance }}`,
      },
      {
        ...base,
        signal: gauge(`${prefix}_${engineSuffix}`),
        levels: levels('engine'),
        summary: `${what} utilization is high`,
        subject: `${what} utilization seen by the engine on {{ $labels.instance }}`,
      },
    ];
  };
  // The market-master guide's "system health issues detected": cpu 80 %, memory 85 %; critical at the
  // market-maker row's level (the book's systemCpu / systemMemory, as the engine's SystemHealthDegraded).
  const health = (resource: 'cpu' | 'memory', level: Level): Family => ({
    group,
    alert: 'SystemHealthDegraded',
    signal: gauge(`${prefix}_system_${resource}_utilization_ratio`),
    for: level.for,
    runbook: RUNBOOK.resources,
    summary: `System health degraded: ${resource} utilization is high`,
    subject: `${resource} utilization seen by the engine on {{ $labels.instance }}`,
    levels: pair(level, { resource }),
  });
  return [
    ...both(
      'HighCpuUtilization',
      'CPU',
      book.cpu,
      nodeCpu(config.alerting.rate_window),
      'node-exporter',
      'system_cpu_utilization_ratio',
    ),
    ...both(
      'HighMemoryUtilization',
      'Memory',
      book.memory,
      nodeMemory(),
      'node-exporter',
      'system_memory_utilization_ratio',
    ),
    ...both(
      'HighDiskUtilization',
      'Disk',
      book.disk,
      nodeDisk(),
      'node-exporter',
      'system_disk_utilization_ratio',
    ),
    // Both GPU sources exist only on a host with a GPU: no series, no alert (never a false 0 %).
    ...both('HighGpuUtilization', 'GPU', book.gpu, dcgmGpu(), 'dcgm', 'system_gpu_utilization_ratio'),
    health('cpu', book.systemCpu),
    health('memory', book.systemMemory),
  ];
}

/** Host resources from node-exporter, DCGM and the engine's own gauges, and SystemHealthDegraded. */
import type { Config } from '../../config/index.js';
import { RUNBOOK } from '../keys.js';
import { type Family, pair } from './family.js';
import { dcgmGpu, nodeCpu, nodeDisk, nodeMemory } from './host-signals.js';
import { gauge, type Signal } from './signals.js';

/** High{Cpu,Memory,Disk,Gpu}Utilization from the host exporter and the engine, and SystemHealthDegraded. */
export function resources(config: Config): Family[] {
  const { thresholds: t, system, metrics } = config;
  const prefix = metrics.prefix;
  const group = 'market_master_resources';
  const both = (
    alert: string,
    what: string,
    row: (typeof t)['cpu_utilization_ratio'],
    host: Signal,
    hostSource: string,
    engineSuffix: string,
  ): Family[] => {
    // `source` tells the host exporter's rule from the engine's own gauge (same name and severity).
    const base = { group, alert, for: row.for, runbook: RUNBOOK.resources };
    const levels = (source: string) => pair(row).map((l) => ({ ...l, labels: { source } }));
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
  // market-maker row's level, never below the warning (as the engine's SystemHealthDegraded).
  const health = (
    resource: 'cpu' | 'memory',
    percent: number,
    row: (typeof t)['cpu_utilization_ratio'],
  ): Family => ({
    group,
    alert: 'SystemHealthDegraded',
    signal: gauge(`${prefix}_system_${resource}_utilization_ratio`),
    for: row.for,
    runbook: RUNBOOK.resources,
    summary: `System health degraded: ${resource} utilization is high`,
    subject: `${resource} utilization seen by the engine on {{ $labels.instance }}`,
    levels: [
      { severity: 'warning', op: '>', level: percent / 100, labels: { resource } },
      { severity: 'critical', op: '>', level: Math.max(percent / 100, row.critical), labels: { resource } },
    ],
  });
  return [
    ...both(
      'HighCpuUtilization',
      'CPU',
      t.cpu_utilization_ratio,
      nodeCpu(),
      'node-exporter',
      'system_cpu_utilization_ratio',
    ),
    ...both(
      'HighMemoryUtilization',
      'Memory',
      t.memory_utilization_ratio,
      nodeMemory(),
      'node-exporter',
      'system_memory_utilization_ratio',
    ),
    ...both(
      'HighDiskUtilization',
      'Disk',
      t.disk_utilization_ratio,
      nodeDisk(),
      'node-exporter',
      'system_disk_utilization_ratio',
    ),
    // Both GPU sources exist only on a host with a GPU: no series, no alert (never a false 0 %).
    ...both(
      'HighGpuUtilization',
      'GPU',
      t.gpu_utilization_ratio,
      dcgmGpu(),
      'dcgm',
      'system_gpu_utilization_ratio',
    ),
    health('cpu', system.cpu_percent, t.cpu_utilization_ratio),
    health('memory', system.memory_percent, t.memory_utilization_ratio),
  ];
}

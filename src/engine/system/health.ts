/** Host health from a snapshot: each resource against its threshold row, and the guide's healthy/unhealthy. */
import type { Config } from '../../config/index.js';
import { type ThresholdState, thresholdStatus } from '../../monitor/index.js';
import type { SystemSnapshot } from './types.js';

/** The resources healthOf judges. */
export type Resource = 'cpu' | 'memory' | 'disk' | 'gpu';

/** The config parts healthOf reads; a whole Config fits. */
export interface HealthLimits {
  thresholds: Pick<
    Config['thresholds'],
    'cpu_utilization_ratio' | 'memory_utilization_ratio' | 'disk_utilization_ratio' | 'gpu_utilization_ratio'
  >;
  /** The market-master guide's ALERT_THRESHOLDS system_cpu_percent / system_memory_percent, 0-100. */
  system: Config['system'];
}

/** The verdict on one snapshot. */
export interface SystemHealth {
  /** The market-master guide's system_status: anything but 'healthy' raises "System health issues detected". */
  status: 'healthy' | 'unhealthy';
  /** Each resource's state; null when it was not measured (a failed source, or no GPU). */
  resources: Record<Resource, ThresholdState | null>;
  /** Why the status is 'unhealthy', one line per reason; empty when healthy. */
  issues: string[];
}

const ROWS = {
  cpu: 'cpu_utilization_ratio',
  memory: 'memory_utilization_ratio',
  disk: 'disk_utilization_ratio',
  gpu: 'gpu_utilization_ratio',
} as const satisfies Record<Resource, keyof HealthLimits['thresholds']>;

const measured = (s: SystemSnapshot): Record<Resource, number | null> => ({
  cpu: s.cpuRatio,
  memory: s.memoryRatio,
  disk: s.diskRatio,
  gpu: s.gpu?.utilizationRatio ?? null,
});

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/**
 * Judges `snapshot`. Each resource gets its market-maker row's state (thresholdStatus: strict comparisons).
 * The status is 'unhealthy' when a resource is critical, or when CPU or memory exceeds the market-master
 * guide's system_cpu_percent / system_memory_percent (80 / 85): its check_alerts raises "System health
 * issues detected" on those. A warning alone (memory above 75 %, say) leaves the host 'healthy'. A resource
 * that was not measured has no say: a failed reading is not evidence of a sick host.
 */
export function healthOf(snapshot: SystemSnapshot, limits: HealthLimits): SystemHealth {
  const resources = { cpu: null, memory: null, disk: null, gpu: null } as SystemHealth['resources'];
  const issues: string[] = [];
  const values = measured(snapshot);
  for (const r of Object.keys(ROWS) as Resource[]) {
    const value = values[r];
    if (value === null || Number.isNaN(value)) continue;
    const state = thresholdStatus(value, limits.thresholds[ROWS[r]]);
    resources[r] = state;
    if (state === 'critical') issues.push(`${r} utilization ${pct(value)} is critical`);
  }
  const guide = [
    ['cpu', snapshot.cpuRatio, limits.system.cpu_percent],
    ['memory', snapshot.memoryRatio, limits.system.memory_percent],
  ] as const;
  for (const [r, ratio, percent] of guide) {
    // percent / 100 is the double nearest the decimal ratio (85 / 100 === 0.85), whereas ratio * 100 is not
    // always exact (0.07 * 100 > 7): compare in ratios so a value on the level stays on it.
    if (ratio !== null && !Number.isNaN(ratio) && resources[r] !== 'critical' && ratio > percent / 100) {
      issues.push(`${r} utilization ${pct(ratio)} is above ${percent} %`);
    }
  }
  return { status: issues.length === 0 ? 'healthy' : 'unhealthy', resources, issues };
}

/** Host health from a snapshot: each resource against its threshold row, and the guide's healthy/unhealthy. */
import type { LevelBook, LevelState } from '../../monitor/index.js';
import type { SystemSnapshot } from './types.js';

/** The resources healthOf judges. */
export type Resource = 'cpu' | 'memory' | 'disk' | 'gpu';

/**
 * The levels healthOf reads (monitor's level book): each resource's market-maker row, and the
 * market-master guide's system_cpu_percent / system_memory_percent as systemCpu / systemMemory.
 */
export type HealthLimits = Pick<LevelBook, Resource | 'systemCpu' | 'systemMemory'>;

/** The verdict on one snapshot. */
export interface SystemHealth {
  /** The market-master guide's system_status: anything but 'healthy' raises "System health issues detected". */
  status: 'healthy' | 'unhealthy';
  /** Each resource's state; null when it was not measured (a failed source, or no GPU). */
  resources: Record<Resource, Exclude<LevelState, 'unknown'> | null>;
  /** Why the status is 'unhealthy', one line per reason; empty when healthy. */
  issues: string[];
}

const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'disk', 'gpu'];

const measured = (s: SystemSnapshot): Record<Resource, number | null> => ({
  cpu: s.cpuRatio,
  memory: s.memoryRatio,
  disk: s.diskRatio,
  gpu: s.gpu?.utilizationRatio ?? null,
});

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/**
 * Judges `snapshot`. Each resource gets its market-maker row's state (the level book's judge). The status
 * is 'unhealthy' when a resource is critical, or when CPU or memory exceeds the market-master guide's
 * system_cpu_percent / system_memory_percent (80 / 85): its check_alerts raises "System health issues
 * detected" on those. A warning alone (memory above 75 %, say) leaves the host 'healthy'. A resource that
 * was not measured has no say: a failed reading is not evidence of a sick host.
 */
export function healthOf(snapshot: SystemSnapshot, limits: HealthLimits): SystemHealth {
  const resources = { cpu: null, memory: null, disk: null, gpu: null } as SystemHealth['resources'];
  const issues: string[] = [];
  const values = measured(snapshot);
  for (const r of RESOURCES) {
    const value = values[r];
    const state = limits[r].judge(value);
    if (value === null || state === 'unknown') continue;
    resources[r] = state;
    if (state === 'critical') issues.push(`${r} utilization ${pct(value)} is critical`);
  }
  const guide = [
    ['cpu', snapshot.cpuRatio, limits.systemCpu],
    ['memory', snapshot.memoryRatio, limits.systemMemory],
  ] as const;
  for (const [r, ratio, level] of guide) {
    if (ratio !== null && resources[r] !== 'critical' && level.judge(ratio) === 'warning') {
      issues.push(`${r} utilization ${pct(ratio)} is above ${Math.round(level.warning * 100)} %`);
    }
  }
  return { status: issues.length === 0 ? 'healthy' : 'unhealthy', resources, issues };
}

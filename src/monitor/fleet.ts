/** Which hosts of a fleet are over their levels: each resource judged, each host by its worst. */
import { type ThresholdLevels, type ThresholdState, thresholdStatus } from './status.js';

/** The resources a host is judged on. */
export const FLEET_RESOURCES = ['cpu', 'memory', 'disk'] as const;

/** One of FLEET_RESOURCES. */
export type FleetResource = (typeof FLEET_RESOURCES)[number];

/** A host's use of each resource (0-1); null when nothing reports it. */
export type HostUse = { host: string } & Record<FleetResource, number | null>;

/** The levels of each resource (config thresholds.<resource>_utilization_ratio). */
export type FleetLevels = Record<FleetResource, ThresholdLevels>;

/** A resource past its warning or critical level. */
export interface OverLevel {
  resource: FleetResource;
  value: number;
  state: Exclude<ThresholdState, 'ok'>;
  /** The level it crossed. */
  level: number;
}

/** A host's verdict: 'unknown' when it reported nothing at all. */
export interface HostVerdict extends HostUse {
  state: ThresholdState | 'unknown';
  /** Its resources over their levels, worst first. */
  over: OverLevel[];
}

const RANK = { ok: 0, warning: 1, critical: 2 } as const;

/** Judges every host: a resource with no figure is not judged; the host is as bad as its worst resource. */
export function judgeFleet(hosts: readonly HostUse[], levels: FleetLevels): HostVerdict[] {
  return hosts.map((h) => {
    const over: OverLevel[] = [];
    let judged = 0;
    for (const resource of FLEET_RESOURCES) {
      const value = h[resource];
      if (value === null || !Number.isFinite(value)) continue;
      judged++;
      // the one call of the level judge for the fleet
      const state = thresholdStatus(value, levels[resource]);
      if (state !== 'ok') over.push({ resource, value, state, level: levels[resource][state] });
    }
    over.sort((a, b) => RANK[b.state] - RANK[a.state]);
    const state = judged === 0 ? 'unknown' : (over[0]?.state ?? 'ok');
    return { ...h, state, over };
  });
}

/** Which hosts of a fleet are over their levels: each resource judged, each host by its worst. */
import { judge, type LevelState, type Levels } from './levels.js';

/** The resources a host is judged on. */
export const FLEET_RESOURCES = ['cpu', 'memory', 'disk'] as const;

/** One of FLEET_RESOURCES. */
export type FleetResource = (typeof FLEET_RESOURCES)[number];

/** A host's use of each resource (0-1); null when nothing reports it. */
export type HostUse = { host: string } & Record<FleetResource, number | null>;

/** The levels of each resource (the level book's cpu, memory and disk). */
export type FleetLevels = Record<FleetResource, Levels>;

/** A resource past its warning or critical level. */
export interface OverLevel {
  resource: FleetResource;
  value: number;
  state: 'warning' | 'critical';
  /** The level it crossed. */
  level: number;
}

/** A host's verdict: 'unknown' when it reported nothing at all. */
export interface HostVerdict extends HostUse {
  state: LevelState;
  /** Its resources over their levels, worst first. */
  over: OverLevel[];
}

const RANK = { warning: 1, critical: 2 } as const;

/** Judges every host: a resource with no figure is not judged; the host is as bad as its worst resource. */
export function judgeFleet(hosts: readonly HostUse[], levels: FleetLevels): HostVerdict[] {
  return hosts.map((h) => {
    const over: OverLevel[] = [];
    let judged = 0;
    for (const resource of FLEET_RESOURCES) {
      const value = h[resource];
      // the one call of the level judge for the fleet; no figure (null, NaN) is 'unknown', not judged
      const state = judge(value, levels[resource]);
      if (state === 'unknown' || value === null) continue;
      judged++;
      if (state !== 'ok') over.push({ resource, value, state, level: levels[resource][state] });
    }
    over.sort((a, b) => RANK[b.state] - RANK[a.state]);
    const state = judged === 0 ? 'unknown' : (over[0]?.state ?? 'ok');
    return { ...h, state, over };
  });
}

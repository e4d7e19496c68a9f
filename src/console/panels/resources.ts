/** Resources panel: this host (systeminformation), the engine's host, and the fleet from node-exporter. */

import type { Level } from '../../monitor/index.js';
import { pct } from './format.js';
import { figure, type PanelModel } from './model.js';
import { type PanelState, stateRank, worst } from './state.js';

/** One machine's utilisation, 0-1 ratios; null = not measured (no GPU, a failed probe). */
export interface HostUsage {
  host: string;
  cpu: number | null;
  memory: number | null;
  disk: number | null;
  gpu: number | null;
  /**
   * The values to judge, when they differ from the figures shown: this host's probe is judged over the
   * alerts' `for` (data/host-sustained.ts); null there is "warming up", not yet judgeable.
   */
  judged?: Record<'cpu' | 'memory' | 'disk' | 'gpu', number | null>;
}

/** What the panel reads: any number of machines (this host first). */
export interface ResourceSamples {
  hosts: HostUsage[];
  /** CPU history of the first host, for the chart. */
  cpuTrend: number[];
}

/** config.thresholds rows for each resource. */
export interface ResourceLimits {
  cpu: Level;
  memory: Level;
  disk: Level;
  gpu: Level;
}

const KINDS = ['cpu', 'memory', 'disk', 'gpu'] as const;

/** Builds the resources panel: one row per machine; the state is the worst measured figure. */
export function toResourceModel(s: ResourceSamples, limits: ResourceLimits): PanelModel {
  const states: PanelState[] = [];
  /**
   * The value judged: the held one (over `for`). While there is none yet (younger than `for`), a figure on
   * the good side of the warning level is judged as it is (its alert cannot even be pending); one past a
   * level waits for `for`, as its alert does: warming up (null), never CRIT on one busy second.
   */
  const toJudge = (h: HostUsage | undefined, k: (typeof KINDS)[number]): number | null => {
    if (!h) return null;
    if (!h.judged) return h[k];
    const held = h.judged[k];
    return held === null && h[k] !== null && limits[k].judge(h[k]) === 'ok' ? h[k] : held;
  };
  const cell = (h: HostUsage, k: (typeof KINDS)[number]) => {
    const st = limits[k].judge(toJudge(h, k));
    // a figure past a level, waiting for `for`, keeps the panel from OK; one not measured (no GPU) has no say
    if (st !== 'unknown' || h[k] !== null) states.push(st);
    const mark = st === 'warning' ? ' ▲' : st === 'critical' ? ' ✖' : '';
    return h[k] === null ? '—' : `${pct(h[k], 0)}${mark}`;
  };
  const rows = s.hosts.map((h) => ({
    host: h.host,
    cpu: cell(h, 'cpu'),
    mem: cell(h, 'memory'),
    disk: cell(h, 'disk'),
    gpu: cell(h, 'gpu'),
  }));
  const first = s.hosts[0];
  const warming = s.hosts.find((h) => KINDS.some((k) => h[k] !== null && toJudge(h, k) === null))?.host;
  /**
   * The machine whose figure for `k` the summary shows: the one judged worst (this host, the first, on a
   * tie), named when it is not this host, as the performance panel names its worst model. A panel that
   * reads CRIT must show the figure that is CRIT: it showed this host's calm figures while the engine's
   * memory, judged against its budget in the demo, was at 100 % and its alert fired.
   */
  const shownFor = (k: (typeof KINDS)[number]): HostUsage | undefined => {
    const rank = (h: HostUsage | undefined) =>
      !h || h[k] === null ? -1 : stateRank(limits[k].judge(toJudge(h, k)));
    let pick = first;
    for (const h of s.hosts) if (rank(h) > rank(pick)) pick = h;
    return pick;
  };
  const stat = (label: string, k: (typeof KINDS)[number]) => {
    const h = shownFor(k);
    const named = h && h !== first ? ` (${h.host})` : '';
    return {
      label,
      value: `${pct(h?.[k] ?? null, 0)}${named}`,
      state: limits[k].judge(toJudge(h, k)),
      ...figure(h?.[k] ?? null, 'ratio', limits[k]),
      ...(h ? { labels: { host: h.host } } : {}),
    };
  };
  // each host's figures as data: the value shown and the state its level gives (the judged value's)
  const records = s.hosts.map((h) => ({
    host: h.host,
    ...Object.fromEntries(KINDS.map((k) => [k, { value: h[k], level: limits[k].judge(toJudge(h, k)) }])),
  }));
  return {
    id: 'resources',
    title: 'Resources',
    state: worst(states),
    stats: first
      ? [
          stat('cpu', 'cpu'),
          stat('mem', 'memory'),
          stat('disk', 'disk'),
          ...(s.hosts.every((h) => h.gpu === null) ? [] : [stat('gpu', 'gpu')]),
        ]
      : [],
    series: s.cpuTrend.length > 0 ? [{ name: 'cpu', points: s.cpuTrend }] : [],
    unit: 'ratio',
    levels: { warning: limits.cpu.warning, critical: limits.cpu.critical },
    table: { columns: ['host', 'cpu', 'mem', 'disk', 'gpu'], rows },
    records,
    ...(warming ? { note: `warming up: ${warming} judged over ${limits.cpu.for}, as its alert` } : {}),
  };
}

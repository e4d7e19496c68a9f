/** Panel states, carried by a symbol and a word as well as a colour (NO_COLOR must lose nothing). */

/** The state of a panel, a figure or the whole console. */
export type PanelState = 'ok' | 'warning' | 'critical' | 'unknown';

/** The symbol and word shown for each state. */
export const STATE_TEXT: Readonly<Record<PanelState, string>> = {
  ok: '✔ OK',
  warning: '▲ WARN',
  critical: '✖ CRIT',
  unknown: '? UNKNOWN',
};

/** The colour of each state, used only in addition to STATE_TEXT. */
export const STATE_COLOR: Readonly<Record<PanelState, string>> = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
  unknown: 'gray',
};

// unknown ranks above ok: a blind spot is worth more attention than a healthy figure, less than a breach.
const RANK: Readonly<Record<PanelState, number>> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worst of `states`; 'unknown' when there are none. */
export function worst(states: Iterable<PanelState>): PanelState {
  let out: PanelState | null = null;
  for (const s of states) if (out === null || RANK[s] > RANK[out]) out = s;
  return out ?? 'unknown';
}

/** Sorts states worst first. */
export function stateRank(s: PanelState): number {
  return RANK[s];
}

/** Two levels and the bad side (a config thresholds row fits). */
export interface Levels {
  warning: number;
  critical: number;
  direction: 'above' | 'below';
  /** Compare with >= / <= at the critical level (dataset drift share, as Evidently). */
  inclusiveCritical?: boolean;
}

/** The state of `value` against `levels`; strict comparisons as the guides' tables; null/NaN is unknown. */
export function levelState(value: number | null | undefined, levels: Levels): PanelState {
  if (value === null || value === undefined || Number.isNaN(value)) return 'unknown';
  const above = levels.direction === 'above';
  const crit = levels.inclusiveCritical
    ? above
      ? value >= levels.critical
      : value <= levels.critical
    : above
      ? value > levels.critical
      : value < levels.critical;
  if (crit) return 'critical';
  if (above ? value > levels.warning : value < levels.warning) return 'warning';
  return 'ok';
}

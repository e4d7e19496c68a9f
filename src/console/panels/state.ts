/** Panel states, carried by a symbol and a word as well as a colour (NO_COLOR must lose nothing). */
import type { ForegroundColorName } from 'chalk';
import type { LevelState } from '../../monitor/index.js';

/** The state of a panel, a figure or the whole console: monitor's one level judge decides it. */
export type PanelState = LevelState;

/** The symbol and word shown for each state. */
export const STATE_TEXT: Readonly<Record<PanelState, string>> = {
  ok: '✔ OK',
  warning: '▲ WARN',
  critical: '✖ CRIT',
  unknown: '? UNKNOWN',
};

/** The colour of each state, used only in addition to STATE_TEXT. */
export const STATE_COLOR: Readonly<Record<PanelState, ForegroundColorName>> = {
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

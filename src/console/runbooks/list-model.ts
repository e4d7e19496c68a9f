/** Pure: the Runbooks view's table and the routines' states, from the deck and the clock. */
import {
  type JournalEntry,
  type Routine,
  type RoutineState,
  type Runbook,
  routineStatus,
} from '../../runbook/index.js';
import { age } from '../panels/format.js';
import type { Table } from '../panels/model.js';
import { type PanelState, worst } from '../panels/state.js';
import type { DeckState } from './deck.js';

/** A routine's state as the console shows it: a symbol and a word, never colour alone. */
export const ROUTINE_TEXT: Readonly<Record<RoutineState['state'], string>> = {
  ok: '✔ ok',
  due: '▲ DUE',
  overdue: '✖ OVERDUE',
  never: '▲ never run',
};

/** The panel state of a routine state (the header colours by it). */
export function routinePanelState(s: RoutineState['state']): PanelState {
  return s === 'ok' ? 'ok' : s === 'overdue' ? 'critical' : 'warning';
}

/** One line of the table, with the runbook it stands for (the table is filtered; rows keep their runbook). */
export interface RunbookListModel {
  routines: RoutineState[];
  runbooks: Runbook[];
  table: Table;
}

const STATUS_MARK: Record<string, string> = { PASS: '✔', WARN: '▲', FAIL: '✖', SKIPPED: '–' };

/** The last journal entry of each runbook id. */
function lastRuns(entries: JournalEntry[]): Map<string, JournalEntry> {
  const out = new Map<string, JournalEntry>();
  for (const e of entries) {
    const prev = out.get(e.runbook.id);
    if (!prev || Date.parse(e.finishedAt) >= Date.parse(prev.finishedAt)) out.set(e.runbook.id, e);
  }
  return out;
}

/** Routines first (daily, weekly, monthly), then the alert responses by id. */
function order(a: Runbook, b: Runbook): number {
  const rank = (r: Runbook) => ['daily', 'weekly', 'monthly', 'alert'].indexOf(r.kind);
  return rank(a) - rank(b) || a.id.localeCompare(b.id);
}

/** The table: runbook, kind, due state (routines), last run (age, status, by whom), steps, alerts. */
export function runbookList(
  deck: DeckState,
  schedule: Record<Routine, string>,
  now: number,
): RunbookListModel {
  const routines = routineStatus(deck.entries, schedule, now);
  const byKind = new Map(routines.map((r) => [r.kind as string, r]));
  const last = lastRuns(deck.entries);
  const runbooks = [...deck.runbooks].sort(order);
  const rows = runbooks.map((rb) => {
    const e = last.get(rb.id);
    const routine = byKind.get(rb.kind);
    return {
      runbook: rb.id,
      kind: rb.kind,
      due: routine ? ROUTINE_TEXT[routine.state] : '',
      'last run': e
        ? `${age(now - Date.parse(e.finishedAt))} ago ${STATUS_MARK[e.status] ?? ''} ${e.status} ${e.user}`
        : 'never',
      steps: String(rb.steps.length),
      'alerts / title': rb.alerts.length ? rb.alerts.join(' ') : rb.title,
    };
  });
  return {
    routines,
    runbooks,
    table: {
      columns: ['runbook', 'kind', 'due', 'last run', 'steps', 'alerts / title'],
      rows,
      flex: ['alerts / title', 'last run'],
    },
  };
}

/** The header's routines segment: "routines d✔ w▲ m✖" and its worst state. */
export function routinesSegment(routines: RoutineState[]): { text: string; state: PanelState } {
  const mark = (s: RoutineState['state']) => ROUTINE_TEXT[s].slice(0, 1);
  const text = `routines ${routines.map((r) => `${r.kind[0]}${mark(r.state)}`).join(' ')}`;
  return { text, state: routines.length ? worst(routines.map((r) => routinePanelState(r.state))) : 'ok' };
}

/** Routine status for the console header: when each daily/weekly/monthly routine last ran and whether it is due. */
import { parseDuration } from '../config/index.js';
import type { RunStatus } from './record.js';

/** The routines that have a schedule. */
export const ROUTINES = ['daily', 'weekly', 'monthly'] as const;
/** One of ROUTINES. */
export type Routine = (typeof ROUTINES)[number];

/** The fields of a journal entry routineStatus reads. */
export interface RoutineRun {
  runbook: { id: string; kind: string };
  finishedAt: string;
  status: RunStatus;
}

/** One routine's state: ok until its interval passes, then due, then overdue after 1.5 intervals. */
export interface RoutineState {
  kind: Routine;
  state: 'ok' | 'due' | 'overdue' | 'never';
  lastRun: { runbook: string; at: string; status: RunStatus } | null;
  /** When it becomes due (ISO); null when it never ran (due now). */
  dueAt: string | null;
}

/**
 * Pure: the state of each routine at `now` given the journal and config runbooks.schedule
 * ({daily: "24h", ...}). Any finished run of a runbook of that kind counts, whatever its status:
 * a run that found a problem was still done; `lastRun.status` says how it went.
 */
export function routineStatus(
  entries: RoutineRun[],
  schedule: Record<Routine, string>,
  now: number,
): RoutineState[] {
  return ROUTINES.map((kind) => {
    const interval = parseDuration(schedule[kind]) * 1000;
    let last: RoutineRun | undefined;
    for (const e of entries) {
      if (e.runbook.kind !== kind) continue;
      if (!last || Date.parse(e.finishedAt) > Date.parse(last.finishedAt)) last = e;
    }
    if (!last) return { kind, state: 'never', lastRun: null, dueAt: null };
    const at = Date.parse(last.finishedAt);
    const elapsed = now - at;
    const state = elapsed < interval ? 'ok' : elapsed < interval * 1.5 ? 'due' : 'overdue';
    return {
      kind,
      state,
      lastRun: { runbook: last.runbook.id, at: last.finishedAt, status: last.status },
      dueAt: new Date(at + interval).toISOString(),
    };
  });
}

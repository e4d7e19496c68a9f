/** Routine status for the console header: when each daily/weekly/monthly routine was last done and whether it is due. */
import { parseDuration } from '../config/index.js';
import { type JudgedStep, overallStatus, type RunStatus, runDone } from './record.js';

/** The routines that have a schedule. */
export const ROUTINES = ['daily', 'weekly', 'monthly'] as const;
/** One of ROUTINES. */
export type Routine = (typeof ROUTINES)[number];

/** The fields of a journal entry routineStatus reads. */
export interface RoutineRun {
  runbook: { id: string; kind: string };
  finishedAt: string;
  steps: JudgedStep[];
  /** The operator signed the run off with a note: it counts as done whatever its verdict. */
  signOff?: { note: string; user: string; at: string };
}

/** One routine's state: ok until its interval passes after the last done run, then due, then overdue. */
export interface RoutineState {
  kind: Routine;
  /** `never`: no run at all; `due` also when runs exist but none was done. */
  state: 'ok' | 'due' | 'overdue' | 'never';
  /** The latest run, done or not, with its verdict recomputed from its steps. */
  lastRun: { runbook: string; at: string; status: RunStatus; done: boolean } | null;
  /** The latest run that counts: every step judged and none FAILed, or signed off (the note). */
  lastDone: { runbook: string; at: string; status: RunStatus; signedOff?: string } | null;
  /** When it becomes due (ISO); null when it is due now (never done). */
  dueAt: string | null;
}

/** True when `run` counts for its routine (see RoutineState.lastDone). */
export function routineDone(run: RoutineRun): boolean {
  return run.signOff !== undefined || runDone(run.steps);
}

/**
 * Pure: the state of each routine at `now` given the journal and config runbooks.schedule
 * ({daily: "24h", ...}). Only a done run resets the clock: a run that FAILed, was closed after one step,
 * or could not reach its sources leaves the routine due, until a later run is done or it is signed off.
 */
export function routineStatus(
  entries: RoutineRun[],
  schedule: Record<Routine, string>,
  now: number,
): RoutineState[] {
  return ROUTINES.map((kind) => {
    const interval = parseDuration(schedule[kind]) * 1000;
    const runs = entries.filter((e) => e.runbook.kind === kind);
    const last = latest(runs);
    const done = latest(runs.filter(routineDone));
    const lastRun = last
      ? {
          runbook: last.runbook.id,
          at: last.finishedAt,
          status: overallStatus(last.steps),
          done: routineDone(last),
        }
      : null;
    if (!done) return { kind, state: last ? 'due' : 'never', lastRun, lastDone: null, dueAt: null };
    const at = Date.parse(done.finishedAt);
    const elapsed = now - at;
    const state = elapsed < interval ? 'ok' : elapsed < interval * 1.5 ? 'due' : 'overdue';
    const lastDone = {
      runbook: done.runbook.id,
      at: done.finishedAt,
      status: overallStatus(done.steps),
      ...(done.signOff ? { signedOff: done.signOff.note } : {}),
    };
    return { kind, state, lastRun, lastDone, dueAt: new Date(at + interval).toISOString() };
  });
}

function latest(runs: RoutineRun[]): RoutineRun | undefined {
  let last: RoutineRun | undefined;
  for (const e of runs) if (!last || Date.parse(e.finishedAt) > Date.parse(last.finishedAt)) last = e;
  return last;
}

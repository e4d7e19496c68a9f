/**
 * Where a run resumes (Rundeck#126): the first step that failed or was never reached, with the steps before
 * it carried over as they ended and the same params and labels. Pure: a journal entry and the runbook in.
 */
import type { JournalEntry } from './journal.js';
import type { StepRecord } from './record.js';
import type { Runbook } from './types.js';

/** What a resumed run starts from. */
export interface ResumePoint {
  /** The step index to run first. */
  startAt: number;
  /** The records of the steps before it, kept in the new run. */
  carried: StepRecord[];
  params: Record<string, string>;
  labels: Record<string, string>;
}

/** Why a run cannot be resumed. */
export class ResumeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeError';
  }
}

// A step the run never finished: it failed, or the run stopped (or was aborted) before it.
const unfinished = (s: StepRecord) =>
  s.status === 'FAIL' ||
  (s.status === 'SKIPPED' && /^(not reached|not run|aborted)/.test(s.reason) && s.durationMs === 0);

/** The resume point of `entry` in `runbook`; throws ResumeError when there is nothing to resume. */
export function resumePoint(entry: JournalEntry, runbook: Runbook): ResumePoint {
  if (entry.runbook.id !== runbook.id) {
    throw new ResumeError(`run ${entry.runId} is of runbook ${entry.runbook.id}, not ${runbook.id}`);
  }
  // The steps must still be the ones the run walked: resuming step 4 of a rewritten runbook runs the wrong step.
  const now = runbook.steps.map((s) => s.title).join('\n');
  const then = entry.steps.map((s) => s.title).join('\n');
  if (now !== then) {
    throw new ResumeError(
      `${runbook.id} changed since run ${entry.runId} (its steps differ): start a new run`,
    );
  }
  const startAt = entry.steps.findIndex(unfinished);
  if (startAt < 0)
    throw new ResumeError(`run ${entry.runId} has no failed or unfinished step (${entry.status})`);
  return {
    startAt,
    carried: entry.steps.slice(0, startAt),
    params: { ...entry.params },
    labels: { ...entry.labels },
  };
}

/** The journal entry of `run`: its run id, or the one run id that ends with it; throws ResumeError. */
export function findRun(entries: readonly JournalEntry[], run: string): JournalEntry {
  const exact = entries.filter((e) => e.runId === run);
  const found =
    exact.length > 0 ? exact : entries.filter((e) => e.runId.endsWith(run) || e.runId.startsWith(run));
  if (found.length === 0)
    throw new ResumeError(`no run ${run} in the journal (mmops runbook history lists them)`);
  const ids = [...new Set(found.map((e) => e.runId))];
  if (ids.length > 1) throw new ResumeError(`${run} names ${ids.length} runs: ${ids.slice(0, 5).join(', ')}`);
  // a run resumed several times is journalled once per resume: the latest carries the latest state
  return found.at(-1)!;
}

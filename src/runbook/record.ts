/** What a run leaves behind: one record per run, one entry per step. The journal and reports store these. */
import type { Unit } from './reason-text.js';
import type { KindName, RawValue, RunbookKind, StepStatus } from './types.js';

/** One step of a run. */
export interface StepRecord {
  index: number;
  name: string;
  title: string;
  kind: KindName;
  /** The action's code (the command, query or request); absent for manual steps. */
  command?: string;
  status: StepStatus;
  reason: string;
  startedAt: string;
  durationMs: number;
  exitCode?: number;
  stdout: string;
  stderr: string;
  note?: string;
  /** 1, or more after retries. */
  attempts: number;
  /** The source that gave no answer, and why (the step is SKIPPED and judged nothing). */
  unreachable?: string;
  /** A SKIPPED step the runbook wanted judged: the run ended before it, or the operator passed it. */
  unjudged?: 'not reached' | 'by the operator';
  /** The raw values the step judged, labels as the source gave them (the reason shows them for people). */
  values?: RawValue[];
  /** How the reason shows the values. */
  unit?: Unit;
}

/**
 * A run's verdict. FAIL: a step failed. UNREACHABLE: a source gave no answer, so some steps judged nothing
 * (the run exits 3). INCOMPLETE: the run ended before a step the runbook wanted judged, or the operator
 * passed it. Then the worst judged step (WARN > PASS); SKIPPED only when every step was skipped.
 */
export type RunStatus = StepStatus | 'UNREACHABLE' | 'INCOMPLETE';

/** One run of one runbook. */
export interface RunRecord {
  runId: string;
  runbook: { id: string; title: string; kind: RunbookKind; file: string };
  user: string;
  host: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  params: Record<string, string>;
  labels: Record<string, string>;
  unattended: boolean;
  status: RunStatus;
  /** The sources the steps were pointed at (engine, prometheus, ...: URL), for the report. */
  endpoints?: Record<string, string>;
  steps: StepRecord[];
  /** The alert the run started from (Alertmanager's fingerprint of its labels), so its detail lists the run. */
  alert?: { fingerprint: string; labels: Record<string, string> };
  /** The run this one resumed (`runbook run --resume`): the steps before the first unfinished one are its. */
  resumedFrom?: string;
}

/** The step fields a verdict reads. */
export type JudgedStep = Pick<StepRecord, 'status' | 'reason' | 'unreachable' | 'unjudged'>;

// Journal lines written before `unjudged` existed say it only in the reason the runner wrote.
const LEGACY_UNJUDGED = /^(not run$|aborted$|not reached: |skipped by the operator|not confirmed )/;

/** True when a SKIPPED step is one the runbook wanted judged (see RunStatus INCOMPLETE). */
export function isUnjudged(s: JudgedStep): boolean {
  return s.status === 'SKIPPED' && (s.unjudged !== undefined || LEGACY_UNJUDGED.test(s.reason));
}

/** The verdict of a run from its steps (see RunStatus). */
export function overallStatus(steps: JudgedStep[]): RunStatus {
  if (steps.some((s) => s.status === 'FAIL')) return 'FAIL';
  if (steps.some((s) => s.unreachable !== undefined)) return 'UNREACHABLE';
  if (steps.some(isUnjudged)) return 'INCOMPLETE';
  if (steps.some((s) => s.status === 'WARN')) return 'WARN';
  if (steps.length > 0 && steps.every((s) => s.status === 'SKIPPED')) return 'SKIPPED';
  return 'PASS';
}

/** A run that counts for its routine: every step judged and none FAILed (PASS or WARN). */
export function runDone(steps: JudgedStep[]): boolean {
  const v = overallStatus(steps);
  return v === 'PASS' || v === 'WARN';
}

/** Counts by status, e.g. for `history`. */
export function countStatuses(steps: { status: StepStatus }[]): Record<StepStatus, number> {
  const c: Record<StepStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, SKIPPED: 0 };
  for (const s of steps) c[s.status]++;
  return c;
}

/** What a run leaves behind: one record per run, one entry per step. The journal and reports store these. */
import type { KindName, RunbookKind, StepStatus } from './types.js';

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
}

/** The overall outcome: the worst step (FAIL > WARN > PASS); SKIPPED only when every step was skipped. */
export type RunStatus = StepStatus;

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
  steps: StepRecord[];
  /** The alert the run started from (Alertmanager's fingerprint of its labels), so its detail lists the run. */
  alert?: { fingerprint: string; labels: Record<string, string> };
  /** The run this one resumed (`runbook run --resume`): the steps before the first unfinished one are its. */
  resumedFrom?: string;
}

/** The overall status of `steps`. */
export function overallStatus(steps: { status: StepStatus }[]): RunStatus {
  if (steps.some((s) => s.status === 'FAIL')) return 'FAIL';
  if (steps.some((s) => s.status === 'WARN')) return 'WARN';
  if (steps.length > 0 && steps.every((s) => s.status === 'SKIPPED')) return 'SKIPPED';
  return 'PASS';
}

/** Counts by status, e.g. for `history`. */
export function countStatuses(steps: { status: StepStatus }[]): Record<StepStatus, number> {
  const c: Record<StepStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, SKIPPED: 0 };
  for (const s of steps) c[s.status]++;
  return c;
}

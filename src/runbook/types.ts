/** The runbook model: what the parser produces and what the runner, journal and reports consume. */

import type { StepAttrs } from './attrs.js';
import type { Expectation } from './expect-schema.js';
import type { Unit } from './reason-text.js';

/** The step languages a fenced block may use; a step with no block is `manual`. */
export const LANGS = ['sh', 'bash', 'promql', 'http', 'sql'] as const;
/** One of LANGS. */
export type Lang = (typeof LANGS)[number];
/** A step kind: a language, or `manual` for a step without an action block. */
export type KindName = Lang | 'manual';

/** The routines the schedule tracks, plus alert responses. */
export const RUNBOOK_KINDS = ['daily', 'weekly', 'monthly', 'alert'] as const;
/** One of RUNBOOK_KINDS. */
export type RunbookKind = (typeof RUNBOOK_KINDS)[number];

/** A step's fenced block: language, attributes (the info string's JSON), code and its line in the file. */
export interface Action {
  lang: Lang;
  attrs: StepAttrs;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Expectation fields whose number came from config (`expect.below` -> `thresholds.error_ratio.critical`). */
  levelRefs?: Record<string, string>;
}

/** One `##` section: the operator's guidance and, unless manual, the action. */
export interface Step {
  /** 0-based position in the runbook. */
  index: number;
  title: string;
  /** attrs.name, or the title as a slug. */
  name: string;
  guidance: string;
  action?: Action;
  /** 1-based line of the `##` heading. */
  line: number;
}

/** A declared parameter; reaches commands as MMOPS_PARAM_<NAME>. */
export interface Param {
  name: string;
  default: string;
  description?: string;
  /** Redacted everywhere (journal, reports, output); names like `api_token` are secret without saying so. */
  secret?: boolean;
}

/** A parsed runbook file. */
export interface Runbook {
  id: string;
  title: string;
  kind: RunbookKind;
  alerts: string[];
  summary: string;
  params: Param[];
  /** Alert responses keep going after a FAIL: every diagnostic is worth seeing during an incident. */
  continueOnFail: boolean;
  steps: Step[];
  file: string;
}

/** How a step ended. */
export type StepStatus = 'PASS' | 'WARN' | 'FAIL' | 'SKIPPED';

/** The outcome of one step. */
export interface StepResult {
  status: StepStatus;
  /** Why: the expectation that decided, the skip reason, the operator's words. */
  reason: string;
  durationMs: number;
  /** The shell exit code, the HTTP status; absent for other kinds. */
  exitCode?: number;
  stdout: string;
  stderr: string;
  /** The operator's note, if any. */
  note?: string;
  /** Set when the step's source gave no answer (what was asked, and why): the step judged nothing. */
  unreachable?: string;
  /** Set on a SKIPPED step the runbook wanted judged: the run ended before it, or the operator passed it. */
  unjudged?: 'not reached' | 'by the operator';
  /** The raw values the step judged (a series' labels as Prometheus gave them), for `--json`. */
  values?: RawValue[];
  /** How `reason` shows the values (seconds as ms, ratios as %). */
  unit?: Unit;
}

/** One raw value a step judged: the number (null when it was not one; NaN is null in JSON) and its labels. */
export interface RawValue {
  value: number | null;
  labels?: Record<string, string>;
}

/** Re-exported so kinds and the runner can name the attribute and expectation types from one place. */
export type { Expectation, StepAttrs };

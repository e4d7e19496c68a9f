/**
 * The runner: a session over one runbook that a UI drives step by step (run, skip, retry, note, run the
 * remaining steps) and that emits an event for each of these. Clock, spawner, clients and the operator are
 * passed in, so the orchestration tests without a terminal.
 */
import { confirmWord, timeoutMs } from './attrs.js';
import { envName, resolveParams, stepEnv } from './env.js';
import { STEP_KINDS } from './kinds/index.js';
import type { KindResult, Operator, StepDeps, Stream } from './kinds/types.js';
import { OUTPUT_CAP } from './output.js';
import { overallStatus, type RunRecord, type StepRecord } from './record.js';
import { makeRedactor } from './redact.js';
import { type Probe, unmetRequirement } from './requires.js';
import { secretParamValues, shownParams } from './secret-params.js';
import type { Runbook, Step } from './types.js';

/** What a session emits; the console walkthrough subscribes to these. */
export type RunEvent =
  | { type: 'run-start'; runId: string; runbook: Runbook }
  | { type: 'step-start'; step: Step; attempt: number }
  | { type: 'output'; step: Step; chunk: string; stream: Stream }
  | { type: 'step-end'; step: Step; record: StepRecord }
  | { type: 'retry'; step: Step; attempt: number }
  | { type: 'note'; step: Step; note: string }
  | { type: 'run-end'; record: RunRecord };

/** Default per-step timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** How a session runs. */
export interface RunOptions {
  operator: Operator;
  deps: StepDeps;
  /** Given params (defaults fill the rest); an unknown name throws ParamError. */
  params?: Record<string, string>;
  /** Alert labels; reach commands as MMOPS_ALERT_<LABEL>. */
  labels?: Record<string, string>;
  /** The base environment (the process's); MMOPS_* are added to it. */
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Keep going after a FAIL (the runbook's continueOnFail applies otherwise). */
  continueOnFail?: boolean;
  defaultTimeoutMs?: number;
  outputCap?: number;
  identity?: { user: string; host: string };
  probe?: Probe;
  /** Applied to the finished record and to streamed output: secrets never leave the session. */
  redact?: (text: string) => string;
  runId?: string;
  signal?: AbortSignal;
  /** The sources the steps are pointed at (name: URL); the record and the report list them. */
  endpoints?: Record<string, string>;
  /** The alert the run starts from, recorded in the journal. */
  alert?: { fingerprint: string; labels: Record<string, string> };
  /** Resume a journalled run: its records before `startAt` are kept, and the run starts there. */
  resume?: { runId: string; startAt: number; carried: StepRecord[] };
}

/** One walk through a runbook. */
export class RunSession {
  /** Results by step index; undefined until the step has run or been skipped. */
  readonly results: (StepRecord | undefined)[];
  /** The next step to run. */
  cursor = 0;
  readonly runId: string;
  private params: Record<string, string>;
  private readonly listeners = new Set<(e: RunEvent) => void>();
  private readonly stops: (() => void)[] = [];
  private readonly startedMs: number;
  private stoppedAt: number | undefined;
  private readonly now: () => number;

  constructor(
    readonly runbook: Runbook,
    private readonly opts: RunOptions,
  ) {
    this.params = resolveParams(runbook, opts.params ?? {});
    this.now = opts.now ?? Date.now;
    this.startedMs = this.now();
    this.runId =
      opts.runId ?? `${new Date(this.startedMs).toISOString().replace(/[:.]/g, '-')}-${runbook.id}`;
    this.results = runbook.steps.map(() => undefined);
    for (const r of opts.resume?.carried ?? []) this.results[r.index] = r;
    this.cursor = opts.resume?.startAt ?? 0;
  }

  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Emits run-start; call once before the first step. */
  start(): void {
    this.emit({ type: 'run-start', runId: this.runId, runbook: this.runbook });
  }

  /** Runs step `index` (default: the cursor) and moves the cursor past it. */
  async run(index = this.cursor, mode: 'one' | 'all' = 'one'): Promise<StepRecord> {
    const step = this.stepAt(index);
    const attempt = (this.results[index]?.attempts ?? 0) + 1;
    this.emit({ type: 'step-start', step, attempt });
    const started = this.now();
    let result: KindResult;
    try {
      result = await this.execute(step, mode);
    } catch (err) {
      result = { status: 'FAIL', reason: (err as Error).message, stdout: '', stderr: '' };
    }
    const rec: StepRecord = {
      index,
      name: step.name,
      title: step.title,
      kind: step.action?.lang ?? 'manual',
      ...(step.action ? { command: step.action.code } : {}),
      ...result,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, this.now() - started),
      attempts: attempt,
      ...(this.results[index]?.note && !result.note ? { note: this.results[index]?.note } : {}),
    };
    return this.settle(step, rec);
  }

  /** Runs the step again (the record keeps the attempt count). */
  async retry(index: number): Promise<StepRecord> {
    this.emit({ type: 'retry', step: this.stepAt(index), attempt: (this.results[index]?.attempts ?? 0) + 1 });
    return this.run(index);
  }

  /** Marks a step SKIPPED without running it: the operator passed it, so the run is not complete. */
  skip(index = this.cursor, reason = 'skipped by the operator'): StepRecord {
    const step = this.stepAt(index);
    return this.settle(step, { ...this.skipped(step, reason), unjudged: 'by the operator' });
  }

  /** Records the operator's note on a step. */
  note(index: number, note: string): void {
    const step = this.stepAt(index);
    const rec = this.results[index];
    if (rec) rec.note = rec.note ? `${rec.note}\n${note}` : note;
    else this.results[index] = { ...this.skipped(step, 'not run yet'), note, attempts: 0 };
    this.emit({ type: 'note', step, note });
  }

  /** Runs from the cursor to the end; stops after a FAIL unless continuing. Resolves true if it stopped. */
  async runRemaining(): Promise<boolean> {
    const keepGoing = this.opts.continueOnFail ?? this.runbook.continueOnFail;
    while (this.cursor < this.runbook.steps.length) {
      if (this.opts.signal?.aborted) return true;
      const rec = await this.run(this.cursor, 'all');
      if (rec.status === 'FAIL' && !keepGoing) {
        this.stoppedAt = rec.index;
        return true;
      }
    }
    return false;
  }

  /** Ends the run: steps never reached become SKIPPED, background steps stop; returns the (redacted) record. */
  finish(): RunRecord {
    for (const stop of this.stops.splice(0)) stop();
    const steps = this.runbook.steps.map((step, i) => {
      const r = this.results[i];
      if (r && r.attempts > 0) return r;
      const why =
        this.stoppedAt !== undefined
          ? `not reached: step ${this.stoppedAt + 1} failed`
          : this.opts.signal?.aborted
            ? 'aborted'
            : 'not run';
      return {
        ...this.skipped(step, why),
        unjudged: 'not reached' as const,
        ...(r?.note ? { note: r.note } : {}),
      };
    });
    const end = this.now();
    const record: RunRecord = {
      runId: this.runId,
      runbook: {
        id: this.runbook.id,
        title: this.runbook.title,
        kind: this.runbook.kind,
        file: this.runbook.file,
      },
      user: this.opts.identity?.user ?? 'unknown',
      host: this.opts.identity?.host ?? 'unknown',
      startedAt: new Date(this.startedMs).toISOString(),
      finishedAt: new Date(end).toISOString(),
      durationMs: Math.max(0, end - this.startedMs),
      params: { ...this.params },
      labels: { ...(this.opts.labels ?? {}) },
      unattended: !this.opts.operator.attended,
      status: overallStatus(steps),
      ...(this.opts.endpoints ? { endpoints: { ...this.opts.endpoints } } : {}),
      steps,
      ...(this.opts.alert ? { alert: this.opts.alert } : {}),
      ...(this.opts.resume ? { resumedFrom: this.opts.resume.runId } : {}),
    };
    const out = this.redactAll({ ...record, params: shownParams(this.runbook.params, this.params) });
    this.emit({ type: 'run-end', record: out });
    return out;
  }

  // The caller's redactor (config and environment secrets) and the secret params' values, read at each call
  // since a prompt may change them (issue 17, defect 12: an `api_token` param reached journal and stdout).
  private redact(text: string): string {
    const byParams = makeRedactor(secretParamValues(this.runbook.params, this.params));
    return byParams(this.opts.redact ? this.opts.redact(text) : text);
  }

  // Every string in a record, redacted.
  private redactAll<T>(value: T): T {
    return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' ? this.redact(v) : v)) as T;
  }

  private async execute(step: Step, mode: 'one' | 'all'): Promise<KindResult> {
    const attrs = step.action?.attrs ?? {};
    if (mode === 'all' && attrs.excludeFromRunAll) return this.skippedResult('excluded from run-all');
    const env = () => stepEnv(this.opts.env ?? {}, this.params, this.opts.labels ?? {});
    const unmet = await unmetRequirement(attrs.requires ?? [], env(), this.opts.probe);
    if (unmet) return this.skippedResult(unmet);
    const { operator } = this.opts;
    if (attrs.promptEnv && operator.attended && operator.prompt && step.action) {
      for (const p of this.runbook.params) {
        if (step.action.code.includes(`MMOPS_PARAM_${envName(p.name)}`)) {
          this.params[p.name] = await operator.prompt(p.name, this.params[p.name] ?? p.default);
        }
      }
    }
    const word = confirmWord(attrs);
    if (word !== undefined && !(await operator.confirm(step, word))) {
      // the step was wanted and asked for: without the word, the run did not do it
      return {
        ...this.skippedResult(`not confirmed (type "${word}" to run it)`),
        unjudged: 'by the operator',
      };
    }
    const redact = (s: string) => this.redact(s);
    return STEP_KINDS[step.action?.lang ?? 'manual'].run(step, {
      env: env(),
      timeoutMs: timeoutMs(attrs, this.opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS),
      outputCap: this.opts.outputCap ?? OUTPUT_CAP,
      onOutput: (chunk, stream) => this.emit({ type: 'output', step, chunk: redact(chunk), stream }),
      operator,
      deps: this.opts.deps,
      onBackground: (stop) => this.stops.push(stop),
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    });
  }

  private settle(step: Step, raw: StepRecord): StepRecord {
    // Redacted before anyone sees it: step-end goes to stdout and the console as it happens.
    const rec = this.redactAll(raw);
    this.results[step.index] = rec;
    if (step.index >= this.cursor) this.cursor = step.index + 1;
    this.emit({ type: 'step-end', step, record: rec });
    return rec;
  }

  private skippedResult(reason: string): KindResult {
    return { status: 'SKIPPED', reason, stdout: '', stderr: '' };
  }

  private skipped(step: Step, reason: string): StepRecord {
    return {
      index: step.index,
      name: step.name,
      title: step.title,
      kind: step.action?.lang ?? 'manual',
      ...(step.action ? { command: step.action.code } : {}),
      status: 'SKIPPED',
      reason,
      startedAt: new Date(this.now()).toISOString(),
      durationMs: 0,
      stdout: '',
      stderr: '',
      attempts: 1,
    };
  }

  private stepAt(index: number): Step {
    const step = this.runbook.steps[index];
    if (!step) throw new RangeError(`no step ${index + 1} in ${this.runbook.id}`);
    return step;
  }

  private emit(e: RunEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** Runs every step (run-all) and returns the record; `onEvent` sees each event. */
export async function runRunbook(
  rb: Runbook,
  opts: RunOptions,
  onEvent?: (e: RunEvent) => void,
): Promise<RunRecord> {
  const session = new RunSession(rb, opts);
  if (onEvent) session.on(onEvent);
  session.start();
  await session.runRemaining();
  return session.finish();
}

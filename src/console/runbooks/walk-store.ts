/**
 * One walkthrough: a RunSession driven from the console's keys. It keeps what the walkthrough view draws
 * (each step's mark, verdict, note and live output) and stands in for the operator: a confirmation, a
 * manual step or a param becomes a question the footer asks, answered with `answer()`.
 */
import type {
  Operator,
  Runbook,
  RunEvent,
  RunSession,
  Step,
  StepRecord,
  StepStatus,
} from '../../runbook/index.js';
import type { RunbookPort, SessionRequest } from './port.js';
import { stepDocument } from './walk-doc.js';
import { NEW_READER, type Reader, type ReaderBox } from './walk-output.js';
import { type ReaderKey, readerKey } from './walk-reader-keys.js';

/** A step's mark: its status, RUNNING, or PENDING before it ran. */
export type StepMark = StepStatus | 'RUNNING' | 'PENDING';

/** What the view shows of a step. */
export interface WalkStep {
  step: Step;
  mark: StepMark;
  reason: string;
  durationMs: number | null;
  attempts: number;
  note: string | null;
  /** The live output of the last attempt (stdout and stderr interleaved), its tail kept. */
  output: string;
}

/** What the walkthrough is waiting for the operator to type. */
export type Question =
  | { kind: 'confirm'; step: Step; word: string }
  | { kind: 'manual'; step: Step }
  | { kind: 'prompt'; name: string; def: string };

/** The walkthrough's state. */
export interface WalkState {
  runbook: Runbook;
  labels: Record<string, string>;
  steps: WalkStep[];
  selected: number;
  /** A step (or run-all) is under way. */
  running: boolean;
  question: Question | null;
  /** The last thing that happened worth a line: "stopped at step 3: FAIL". */
  message: string | null;
  /** The Markdown report once the run is saved. */
  saved: string | null;
  closed: boolean;
  /** The output read full-screen (`o`), or null; it stays on its step while a run moves on. */
  reader: Reader | null;
  /** The step the reader shows. */
  readerStep: number;
}

/** The walkthrough's store. */
export interface Walk {
  getState(): WalkState;
  subscribe(listener: () => void): () => void;
  select(index: number): void;
  /** Enter: run the selected step, or move to the next one when it already ran. */
  runOrNext(): void;
  /** Runs the selected step (again). */
  retry(): void;
  skip(): void;
  /** Runs the steps from the selected one (the next, if it ran); stops at the first FAIL. */
  runRemaining(): void;
  note(text: string): void;
  /** Answers the open question; null declines it (Esc). */
  answer(text: string | null): void;
  /** Stops a running step, ends the run and saves it to the journal when anything happened. */
  close(): Promise<string | null>;
  /** Opens the selected step's output full-screen. */
  openReader(): void;
  /** A key for the open reader (scroll, search, wrap; Esc closes it). */
  readerKey(ch: string, key: ReaderKey): void;
  /** The reader's box, as the view last drew it (its keys page by it). */
  readerBox: ReaderBox;
}

/** How often streamed output reaches the view. */
const OUTPUT_FLUSH_MS = 100;

/** The output tail kept for the view; the journal and reports keep the runner's own capped copy. */
const VIEW_OUTPUT_CAP = 64 * 1024;

const MANUAL: Record<string, StepStatus> = { '': 'PASS', w: 'WARN', f: 'FAIL', s: 'SKIPPED' };

/** What a walkthrough starts from: the alert's labels and params (empty from the list), the alert, a resume. */
export interface WalkInputs {
  labels: Record<string, string>;
  params: Record<string, string>;
  alert?: SessionRequest['alert'];
  resume?: SessionRequest['resume'];
}

/** Opens a walkthrough of `runbook` with the alert's labels and params (empty when opened from the list). */
export function createWalk(
  port: RunbookPort,
  runbook: Runbook,
  inputs: WalkInputs = { labels: {}, params: {} },
): Walk {
  const carried = new Map((inputs.resume?.carried ?? []).map((r) => [r.index, r]));
  const listeners = new Set<() => void>();
  const abort = new AbortController();
  let state: WalkState = {
    runbook,
    labels: inputs.labels,
    // a resumed run shows the steps it carries over as they ended, and starts at the first unfinished one
    steps: runbook.steps.map((step, i) => ({
      step,
      mark: 'PENDING',
      reason: '',
      durationMs: null,
      attempts: 0,
      note: null,
      output: '',
      ...(carried.has(i) ? fromRecord(carried.get(i)!) : {}),
    })),
    selected: inputs.resume?.startAt ?? 0,
    running: false,
    question: null,
    message: inputs.resume
      ? `resuming ${inputs.resume.runId} at step ${inputs.resume.startAt + 1} with its params`
      : null,
    saved: null,
    closed: false,
    reader: null,
    readerStep: 0,
  };
  let pending: ((text: string | null) => void) | null = null;
  const set = (patch: Partial<WalkState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const patchStep = (i: number, patch: Partial<WalkStep>) => {
    const steps = state.steps.slice();
    steps[i] = { ...steps[i]!, ...patch };
    set({ steps });
  };
  const ask = (q: Question) =>
    new Promise<string | null>((resolve) => {
      pending = resolve;
      set({ question: q });
    });

  const operator: Operator = {
    attended: true,
    interactive: false,
    confirm: async (step, word) => (await ask({ kind: 'confirm', step, word })) === word,
    manual: async (step) => {
      const a = await ask({ kind: 'manual', step });
      if (a === null) return { status: 'SKIPPED' };
      const status = MANUAL[a.trim().toLowerCase()];
      return status ? { status } : { status: 'PASS', note: a.trim() };
    },
    prompt: async (name, def) => (await ask({ kind: 'prompt', name, def }))?.trim() || def,
  };

  const session: RunSession = port.session({
    runbook,
    labels: inputs.labels,
    params: inputs.params,
    operator,
    signal: abort.signal,
    ...(inputs.alert ? { alert: inputs.alert } : {}),
    ...(inputs.resume ? { resume: inputs.resume } : {}),
  });
  let started = false;
  let touched = false;
  // A flooding step emits thousands of chunks a second: they collect here and reach the view (one state
  // change, one render) at most every OUTPUT_FLUSH_MS, and always before the step's verdict.
  const unflushed = new Map<number, string>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (unflushed.size === 0) return;
    const steps = state.steps.slice();
    for (const [i, chunk] of unflushed) {
      const out = steps[i]!.output + chunk;
      steps[i] = { ...steps[i]!, output: out.length > VIEW_OUTPUT_CAP ? out.slice(-VIEW_OUTPUT_CAP) : out };
    }
    unflushed.clear();
    set({ steps });
  };
  session.on((e: RunEvent) => {
    if (e.type !== 'output') flush();
    if (e.type === 'step-start') {
      touched = true;
      patchStep(e.step.index, { mark: 'RUNNING', reason: '', output: '', durationMs: null });
      set({ selected: e.step.index });
    } else if (e.type === 'output') {
      unflushed.set(e.step.index, (unflushed.get(e.step.index) ?? '') + e.chunk);
      flushTimer ??= setTimeout(flush, OUTPUT_FLUSH_MS);
    } else if (e.type === 'step-end') {
      touched = true;
      patchStep(e.step.index, fromRecord(e.record));
    } else if (e.type === 'note') {
      touched = true;
      const prev = state.steps[e.step.index]!.note;
      patchStep(e.step.index, { note: prev ? `${prev}\n${e.note}` : e.note });
    }
  });
  const begin = () => {
    if (!started) session.start();
    started = true;
  };

  // One action at a time: a key pressed while a step runs is answered with a message, not queued.
  let inFlight: Promise<void> = Promise.resolve();
  const act = (what: () => Promise<unknown>) => {
    if (state.running || state.closed) {
      if (state.running) set({ message: 'a step is running (Esc stops it)' });
      return;
    }
    begin();
    set({ running: true, message: null });
    inFlight = what()
      .then(
        () => undefined,
        (err: unknown) => set({ message: `error: ${(err as Error).message}` }),
      )
      .finally(() => set({ running: false, question: null }));
  };
  const ran = (i: number) => state.steps[i]!.mark !== 'PENDING';
  const next = () => set({ selected: Math.min(state.selected + 1, state.steps.length - 1) });

  const walk: Walk = {
    readerBox: { width: 80, height: 18 },
    openReader: () => set({ reader: { ...NEW_READER }, readerStep: state.selected }),
    readerKey: (ch, key) => {
      const s = state.steps[state.readerStep];
      if (!state.reader || !s) return;
      const next = readerKey(state.reader, ch, key, stepDocument(s), walk.readerBox);
      set({ reader: next === 'close' ? null : next });
    },
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    select: (i) => set({ selected: Math.max(0, Math.min(state.steps.length - 1, i)) }),
    runOrNext: () => {
      if (!state.running && ran(state.selected)) return next();
      const i = state.selected;
      act(() => session.run(i));
    },
    retry: () => {
      const i = state.selected;
      act(() => (ran(i) ? session.retry(i) : session.run(i)));
    },
    skip: () => {
      if (state.running) return void set({ message: 'a step is running (Esc stops it)' });
      begin();
      session.skip(state.selected);
      next();
    },
    runRemaining: () => {
      // from the selected step, or past it when it already ran: after a stop at a FAIL, `a` goes on
      const from = ran(state.selected) ? state.selected + 1 : state.selected;
      if (from >= state.steps.length) return void set({ message: 'no steps left to run' });
      act(async () => {
        session.cursor = from;
        const stopped = await session.runRemaining();
        const last = state.steps.findLast((s) => s.mark !== 'PENDING');
        set({
          message: stopped
            ? `stopped at step ${(last?.step.index ?? from) + 1}: ${last?.mark ?? 'FAIL'} — r retries, s skips, a goes on`
            : 'all remaining steps ran',
        });
      });
    },
    note: (text) => {
      if (!text.trim()) return;
      begin();
      session.note(state.selected, text.trim());
    },
    answer: (text) => {
      const resolve = pending;
      pending = null;
      set({ question: null });
      resolve?.(text);
    },
    close: async () => {
      if (state.closed) return state.saved;
      abort.abort();
      pending?.(null);
      pending = null;
      // a running step ends on the abort (its process group is killed); wait for it before finishing
      await inFlight;
      flush();
      set({ closed: true, question: null });
      if (!touched) return null;
      const saved = port.save(session.finish());
      set({ saved });
      return saved;
    },
  };
  return walk;
}

function fromRecord(r: StepRecord): Partial<WalkStep> {
  return {
    mark: r.status,
    reason: r.reason,
    durationMs: r.durationMs,
    attempts: r.attempts,
    ...(r.note ? { note: r.note } : {}),
  };
}

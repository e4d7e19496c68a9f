/**
 * The engine's evaluation state: runs evaluateWindow over a snapshot of the window, keeps the latest
 * result, adopts and persists the performance baseline, and feeds the gauges and the alert checker.
 */
import type { AlertRule } from '../alerting/index.js';
import { type Config, parseDuration } from '../config/index.js';
import {
  DriftWorkerPool,
  detectDrift,
  detectDriftParallel,
  type Frame,
  outputReference,
  PreparedReference,
  prepareReference,
  referenceFrame,
  SortedColumns,
} from '../monitor/index.js';
import type { AlertChecker } from './alert-checker.js';
import { baselineHolder } from './baseline-holder.js';
import { type BaselineRecord, baselineStore } from './baseline-store.js';
import { type DriftDetector, evaluateWindow, type WindowEvaluation } from './evaluate-window.js';
import type { Ingest } from './ingest.js';
import type { EngineMetrics } from './metrics/index.js';
import type { SystemSampler } from './system/index.js';
import type { PredictionWindow } from './window.js';
import { BASELINE_MIN_SCORED } from './window-performance.js';

/** What the evaluator reads and writes. */
export interface EvaluatorDeps {
  config: Config;
  rules: readonly AlertRule[];
  window: PredictionWindow;
  reference: Frame | null;
  dataDir: string;
  clock: () => number;
  metrics: EngineMetrics;
  alerts: AlertChecker;
  ingest: Ingest;
  sampler: SystemSampler;
  /** Numeric drift on the worker threads from this many cells (default PARALLEL_FROM_CELLS; 0: always). */
  driftThreadsFromCells?: number;
}

/** The evaluator. */
export interface Evaluator {
  evaluate(): Promise<void>;
  checkAlerts(): void;
  latest(): WindowEvaluation | null;
  lastRun(): { at: number; ok: boolean; error?: string } | null;
  reference(): Frame | null;
  setReference(frame: Frame): void;
  /** The baseline degradation is measured against, with where it came from; null until one is taken. */
  baseline(): Promise<BaselineRecord | null>;
  /** Adopts the current window's figures (`'window'`) or the given ones; rejects with the reason it cannot. */
  setBaseline(from: 'window' | BaselineRecord): Promise<BaselineRecord>;
  /** Forgets the baseline: the next window with enough scored predictions becomes the new one. */
  resetBaseline(): Promise<void>;
  /** Ends the drift worker threads. */
  close(): Promise<void>;
}

// Below this many cells to sort, the worker threads cost more than they save. Measured on a busy 2-core
// host with warm threads and a prepared reference (x 20 features): 100k rows 336 ms a pass on threads vs
// 291 ms without; 300k rows 353 vs 451 ms and 1M rows 1159 vs 1582 ms of drift.
export const PARALLEL_FROM_CELLS = 4_000_000;

/**
 * Drift on the pool's threads for big windows, in the calling thread otherwise. A prepared reference is
 * sorted already, so only the window's cells count.
 */
export function engineDriftDetector(
  pool: DriftWorkerPool,
  fromCells: number = PARALLEL_FROM_CELLS,
): DriftDetector {
  return (ref, cur, opts, sorted) =>
    driftOnThreads(ref, cur, fromCells)
      ? detectDriftParallel(ref, cur, opts, pool)
      : detectDrift(ref, cur, opts, sorted);
}

/** Pure: whether this window's drift goes to the threads: from `fromCells` cells to sort (0: always). */
export function driftOnThreads(ref: Frame | PreparedReference, cur: Frame, fromCells: number): boolean {
  const frame = referenceFrame(ref);
  const rows = cur.rows + (ref instanceof PreparedReference ? 0 : frame.rows);
  return rows * Math.max(1, frame.columns.length) >= fromCells;
}

/** The current window cannot become the baseline (too few scored predictions); the API answers 409. */
export class BaselineUnavailable extends Error {
  override name = 'BaselineUnavailable';
}

/** Creates the evaluator; the baseline is read from <data_dir>/baseline.json when one was taken before. */
export function createEvaluator(deps: EvaluatorDeps): Evaluator {
  const { config, window, clock, metrics } = deps;
  const qualityAgeMs = parseDuration(config.quality.window) * 1000;
  let reference = deps.reference;
  // Kept across evaluations: fresh threads each pass would run the sort cold (see DriftWorkerPool).
  const pool = new DriftWorkerPool(2);
  const detect = engineDriftDetector(pool, deps.driftThreadsFromCells);
  // Its buffers are reused by every evaluation (see SortedColumns.reset).
  const sorted = new SortedColumns();
  // Sorted reference columns, kept until setReference replaces the reference: each pass sorts only the window.
  let prepared: PreparedReference | null = reference ? prepareReference(reference) : null;
  // The model's outputs on the reference (its prediction and confidence columns), for prediction drift.
  let outputs = reference ? outputReference(reference) : null;
  // The reference's features always have a place in the window (window.ts reserveFeatures).
  if (reference) window.reserveFeatures(reference.columns.map((c) => c.name));
  const baseline = baselineHolder(baselineStore(deps.dataDir));
  let latest: WindowEvaluation | null = null;
  let lastRun: ReturnType<Evaluator['lastRun']> = null;
  let previous = { at: clock(), accepted: deps.ingest.accepted };
  let dropped = 0; // the window's dropped feature values already counted in the metric (replay included)

  const writeGauges = (ev: WindowEvaluation, durationSeconds: number, timestamp: number) => {
    const alerts = deps.alerts
      .alerts()
      .filter((a) => a.severity !== null)
      .map((a) => ({ alertname: a.name, severity: a.severity ?? 'warning', state: a.state }));
    const held = baseline.peek();
    const b = held ? { source: held.source, setAt: held.setAt } : null;
    metrics.setEvaluation({ ...ev.gauges, alerts, durationSeconds, timestamp, baseline: b });
  };
  let lastTiming = { durationSeconds: 0, timestamp: 0 };

  return {
    async evaluate() {
      try {
        const base = await baseline.get();
        const system = await deps.sampler.sample();
        const now = clock();
        const t0 = performance.now();
        const columns = window.snapshot(now);
        // quality's recent part, when shorter than the window (config quality.window)
        const recent =
          qualityAgeMs < window.options.maxAgeMs ? window.snapshot(now, undefined, qualityAgeMs) : undefined;
        metrics.recordDroppedFeatureValues(columns.droppedFeatureValues - dropped);
        dropped = columns.droppedFeatureValues;
        // Traffic is expected once anything was received (now or before a restart): then no traffic is 0/s.
        const elapsed = (now - previous.at) / 1000;
        const fresh = deps.ingest.accepted - previous.accepted;
        const expected = deps.ingest.accepted > 0 || columns.rows > 0;
        const throughput = expected && elapsed > 0 ? fresh / elapsed : null;
        previous = { at: now, accepted: deps.ingest.accepted };
        const ev = await evaluateWindow({
          columns,
          ...(recent ? { recent } : {}),
          reference: prepared,
          outputReference: outputs,
          config,
          rules: deps.rules,
          system,
          baseline: base,
          throughput,
          now,
          detect,
          sorted,
        });
        // read again: the operator may have set one while this window was evaluated
        if (baseline.peek() === null && ev.candidateBaseline) {
          const adopted: BaselineRecord = { ...ev.candidateBaseline, source: 'first-window', setAt: now };
          await baseline.set(adopted);
        }
        latest = ev;
        lastTiming = { durationSeconds: (performance.now() - t0) / 1000, timestamp: now };
        writeGauges(ev, lastTiming.durationSeconds, now);
        lastRun = { at: now, ok: true };
      } catch (err) {
        lastRun = { at: clock(), ok: false, error: err instanceof Error ? err.message : String(err) };
        throw err;
      }
    },
    checkAlerts() {
      if (latest === null) return;
      deps.alerts.check(latest.values, latest.errorEvents, clock());
      writeGauges(latest, lastTiming.durationSeconds, lastTiming.timestamp);
    },
    latest: () => latest,
    lastRun: () => lastRun,
    reference: () => reference,
    setReference(frame) {
      reference = frame;
      prepared = prepareReference(frame);
      outputs = outputReference(frame);
      window.reserveFeatures(frame.columns.map((c) => c.name));
    },
    baseline: () => baseline.get(),
    async setBaseline(from) {
      let next: BaselineRecord;
      if (from === 'window') {
        const candidate = latest?.candidateBaseline;
        if (!candidate) {
          const scored = latest?.report.performance.scored ?? 0;
          throw new BaselineUnavailable(
            `the current window has ${scored} scored predictions (with actuals); a baseline needs ${BASELINE_MIN_SCORED}`,
          );
        }
        next = { ...candidate, source: 'window', setAt: clock() };
      } else next = from;
      await baseline.set(next);
      return next;
    },
    resetBaseline: () => baseline.set(null),
    close: () => pool.close(),
  };
}

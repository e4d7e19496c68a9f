/**
 * One evaluation of the window, pure: window columns + reference + config + host snapshot -> the report
 * GET /api/v1/report serves, the gauges, and the values the alert rules read. No clock, no I/O: the
 * service passes `now`, the snapshot and the measured throughput in.
 */
import { type AlertRule, type LabeledEvent, METRIC, severityOf } from '../alerting/index.js';
import type { Config } from '../config/index.js';
import {
  assessQuality,
  type DriftOptions,
  type DriftReport,
  detectDrift,
  type Frame,
  finitePart,
  latencySummary,
  levelBook,
  type NumericColumn,
  type OutputReference,
  type PreparedReference,
  type QualityReport,
  referenceFrame,
  SortedColumns,
} from '../monitor/index.js';
import type { EvaluationInput } from './metrics/index.js';
import type { EngineReport, OperationalFigures, ReportStatus } from './report-types.js';
import { healthOf, type SystemSnapshot, systemValues } from './system/index.js';
import type { WindowColumns } from './window.js';
import { type Baseline, scorePerformance } from './window-performance.js';
import { windowPredictionDrift } from './window-prediction-drift.js';

/**
 * Computes drift; the service passes detectDriftParallel for big windows. A detector that sorts the current
 * columns in this thread keeps them in `sorted` (synchronously, before it returns), for quality to read.
 */
export type DriftDetector = (
  ref: Frame | PreparedReference,
  cur: Frame,
  opts: DriftOptions,
  sorted?: SortedColumns,
) => DriftReport | Promise<DriftReport>;

/** Everything one evaluation reads. */
export interface EvaluateWindowInput {
  columns: WindowColumns;
  /**
   * The window's recent part (config quality.window), which quality is judged on; absent when it is the
   * whole window. Drift and performance keep the whole window: they compare against a reference or a
   * baseline and need the rows, while a quality fault should show as soon as it fills the recent part.
   */
  recent?: WindowColumns;
  /** The reference, ideally prepared once (prepareReference) so drift does not sort it every pass. */
  reference: Frame | PreparedReference | null;
  /** The model's outputs on the reference (outputReference), prepared once with it; null when it has none. */
  outputReference?: OutputReference | null;
  config: Config;
  rules: readonly AlertRule[];
  system: SystemSnapshot | null;
  baseline: Baseline | null;
  /** Predictions per second since the previous evaluation; null while no traffic is expected yet. */
  throughput: number | null;
  now: number;
  detect?: DriftDetector;
  /** Kept across evaluations to reuse its buffers (reset here); a fresh one when absent. */
  sorted?: SortedColumns;
}

/** What one evaluation produces. */
export interface WindowEvaluation {
  report: EngineReport;
  /** Rule values keyed by METRIC (null = no data). */
  values: Record<string, number | null>;
  /** The gauges, less alerts and timing (the service adds those). */
  gauges: Omit<EvaluationInput, 'alerts' | 'durationSeconds' | 'timestamp'>;
  /** Failed predictions, for the PredictionErrorBurst aggregation. */
  errorEvents: LabeledEvent[];
  /** Metrics to adopt as the baseline when there is none yet. */
  candidateBaseline: Baseline | null;
}

/** Evaluates the window. */
export async function evaluateWindow(input: EvaluateWindowInput): Promise<WindowEvaluation> {
  const { columns: w, config, now } = input;
  const reference = input.reference === null ? null : referenceFrame(input.reference);
  const features = w.features;
  // Reused buffers are safe: drift (in this thread), quality and the latency figures read them before this
  // function first awaits, so no other evaluation can reset them in between.
  const sorted = input.sorted ?? new SortedColumns();
  sorted.reset();
  // Drift first: on worker threads (big windows) it runs while this thread does quality and performance;
  // in this thread it leaves the columns it sorted in `sorted`, and quality reads them instead of selecting.
  // Too few records to judge: no drift figures (and no drift alert) rather than noise. config drift.min_rows
  const pendingDrift =
    input.reference && w.rows >= config.drift.min_rows
      ? driftOf(input.reference, features, config, sorted, input.detect)
      : null;
  pendingDrift?.catch(() => undefined); // awaited below; this only keeps an early throw from going unhandled
  const q = input.recent ?? w;
  const quality: QualityReport | null =
    q.rows === 0
      ? null
      : assessQuality(q.features, {
          nearConstantShare: config.quality.near_constant_share,
          // drift's sorted columns are of the whole window: of use only when quality reads the same rows
          ...(q === w ? { sorted } : {}),
          ...(reference ? { reference } : {}),
        });
  const scored = scorePerformance(w, input.baseline, config);
  const ops = operational(w, input.throughput, sorted);
  const perf = { ...scored.performance, ...ops };
  const predictionDrift = windowPredictionDrift(w, input.outputReference ?? null, input.reference !== null);
  const drift = pendingDrift ? await pendingDrift : null;

  const values: Record<string, number | null> = {
    [METRIC.latencyP95]: ops.latency.p95,
    [METRIC.throughput]: ops.throughput,
    [METRIC.errorRatio]: ops.errorRatio,
    [METRIC.queueUtilization]: ops.queue?.utilization ?? null,
    ...systemValues(input.system),
    [METRIC.modelAccuracy]: perf.accuracy,
    [METRIC.spreadCompliance]: ops.spreadCompliance,
    [METRIC.predictionDrift]: predictionDrift.score,
    [METRIC.qualityScore]: quality?.score ?? null,
    [METRIC.driftShare]: drift?.driftedShare ?? null,
    [METRIC.degradation]: perf.degradation.ratio,
  };
  const system = input.system
    ? { ...input.system, health: healthOf(input.system, levelBook(config)) }
    : { health: null };
  const report: EngineReport = {
    evaluatedAt: new Date(now).toISOString(),
    window: {
      records: w.rows,
      from: w.from === null ? null : new Date(w.from).toISOString(),
      to: w.to === null ? null : new Date(w.to).toISOString(),
      droppedFeatureValues: w.droppedFeatureValues,
    },
    quality,
    drift,
    driftNote: drift
      ? null
      : !input.reference
        ? 'no reference loaded (PUT /api/v1/reference)'
        : `too few records to judge: ${w.rows} of ${config.drift.min_rows} (drift.min_rows)`,
    performance: perf,
    predictionDrift,
    system,
    status: statusOf(input.rules, values),
    reference: reference ? { rows: reference.rows, columns: reference.columns.length } : null,
  };
  return {
    report,
    values,
    gauges: {
      quality,
      drift,
      performance: perf.models.map((m) => ({ ...m })),
      spreadCompliance: ops.spreadCompliance,
      queueUtilization: ops.queue?.utilization ?? null,
      predictionDrift: {
        score: predictionDrift.score,
        classes: predictionDrift.classes?.psi ?? null,
        confidence: predictionDrift.confidencePsi,
      },
      system: input.system,
    },
    errorEvents: errorEvents(w),
    candidateBaseline: scored.candidate,
  };
}

// Only columns of the same kind on both sides: a feature that turned categorical (strings where numbers
// were) is a quality issue, reported there; detectDrift would throw on it.
async function driftOf(
  ref: Frame | PreparedReference,
  cur: Frame,
  config: Config,
  sorted: SortedColumns,
  detect: DriftDetector = detectDrift,
) {
  const kinds = new Map(cur.columns.map((c) => [c.name, c.kind]));
  const columns = referenceFrame(ref)
    .columns.filter((c) => c.kind !== 'timestamp' && kinds.get(c.name) === c.kind)
    .map((c) => c.name);
  if (columns.length === 0) return null;
  const opts = {
    method: config.drift.method,
    alpha: config.drift.alpha,
    thresholds: config.drift.distance_thresholds,
    datasetShare: config.drift.dataset_share,
    columns,
  };
  return detect(ref, cur, opts, sorted);
}

function operational(w: WindowColumns, throughput: number | null, sorted: SortedColumns): OperationalFigures {
  let errors = 0;
  let checked = 0;
  let compliant = 0;
  for (let i = 0; i < w.rows; i++) {
    if (w.error[i] !== null) errors++;
    const s = w.spread[i]!;
    const l = w.spreadLimit[i]!;
    if (Number.isFinite(s) && Number.isFinite(l)) {
      checked++;
      if (Math.abs(s) <= l) compliant++;
    }
  }
  return {
    records: w.rows,
    errors,
    errorRatio: w.rows > 0 ? errors / w.rows : null,
    // Sorted in the shared (reused) buffers; finitePart is what latencyPercentiles would have sorted.
    latency: latencySummary(finitePart(sorted.of(latencyColumn(w.latencySeconds)))),
    throughput,
    spreadChecked: checked,
    spreadCompliance: checked > 0 ? compliant / checked : null,
    // the newest report, not a mean over the window: a queue that filled a minute ago and drained is fine now
    queue: w.queue
      ? {
          depth: w.queue.depth,
          capacity: w.queue.capacity,
          utilization: w.queue.depth / w.queue.capacity,
          at: new Date(w.queue.ts).toISOString(),
        }
      : null,
  };
}

/** The latency values as a column, for SortedColumns. */
function latencyColumn(values: Float64Array): NumericColumn {
  return { kind: 'numeric', name: 'latency_seconds', dtype: 'float64', values, invalid: 0 };
}

function errorEvents(w: WindowColumns): LabeledEvent[] {
  const out: LabeledEvent[] = [];
  for (let i = 0; i < w.rows; i++) {
    const e = w.error[i];
    if (e != null) out.push({ ts: w.ts[i]!, labels: { error_type: e, model: w.model[i] ?? 'default' } });
  }
  return out;
}

/** The worst severity any rule sees now, and which rules see one (the `for` delays are the alerts' job). */
function statusOf(rules: readonly AlertRule[], values: Record<string, number | null>): ReportStatus {
  const breaches = rules.flatMap((rule) => {
    const value = values[rule.metric] ?? null;
    const severity = severityOf(value, rule);
    return severity === null ? [] : [{ alert: rule.name, labels: { ...rule.labels }, severity, value }];
  });
  const overall = breaches.some((b) => b.severity === 'critical')
    ? 'critical'
    : breaches.length > 0
      ? 'warning'
      : 'ok';
  return { overall, breaches };
}

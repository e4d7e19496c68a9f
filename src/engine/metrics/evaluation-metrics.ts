/** Quality, drift, performance, alert and evaluation gauges: rewritten whole on every evaluation. */
import { Gauge, type Registry } from 'prom-client';
import type { MetricNames } from './names.js';
import { finite, replaceSeries, setOrClear } from './series.js';
import type { AlertInput, DriftInput, EvaluationInput, ModelPerformanceInput } from './types.js';

const ACTIVE_STATES = new Set(['pending', 'firing']);

/** Writes an evaluation's results (everything but the host snapshot) into the gauges. */
export type EvaluationWriter = (report: Omit<EvaluationInput, 'system'>) => void;

/** Registers the evaluation gauges on `registry` and returns their writer. */
export function createEvaluationMetrics(registry: Registry, names: MetricNames): EvaluationWriter {
  const registers = [registry];
  // Label-less gauges start absent: before the first evaluation there is no data, and 0 would read as bad data.
  const plain = (name: string, help: string) => {
    const g = new Gauge({ name, help, registers });
    g.remove();
    return g;
  };
  const byModel = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: ['model'] as const, registers });

  const quality = plain(names.qualityScore, 'Data quality score of the current window, 0-1.');
  const missing = plain(names.missingRatio, 'Share of missing feature cells in the current window, 0-1.');
  const duplicate = plain(names.duplicateRatio, 'Share of duplicate rows in the current window, 0-1.');
  const outlier = plain(names.outlierRatio, 'Share of IQR outliers among numeric cells, 0-1.');
  const driftScore = new Gauge({
    name: names.featureDriftScore,
    help: 'Drift score per feature and method: the p-value for tests, the distance otherwise.',
    labelNames: ['feature', 'method'] as const,
    registers,
  });
  const driftDetected = new Gauge({
    name: names.featureDriftDetected,
    help: 'Whether the feature drifted (1) or not (0) in the latest evaluation.',
    labelNames: ['feature'] as const,
    registers,
  });
  const driftShare = plain(names.datasetDriftShare, 'Share of tested features that drifted, 0-1.');
  const predictionDrift = plain(
    names.predictionDriftScore,
    "Prediction drift: PSI of the model's outputs against the reference's, the larger of class shares and confidence.",
  );
  const predictionDriftPart = new Gauge({
    name: names.predictionDriftPart,
    help: 'Prediction drift by part: PSI of the predicted-class shares (classes) or of the confidence deciles (confidence).',
    labelNames: ['part'] as const,
    registers,
  });
  const accuracy = byModel(names.modelAccuracy, 'Accuracy over predictions with actuals, 0-1.');
  const precision = byModel(names.modelPrecision, 'Weighted precision, 0-1.');
  const recall = byModel(names.modelRecall, 'Weighted recall, 0-1.');
  const f1 = byModel(names.modelF1, 'Weighted F1 score, 0-1.');
  const degradation = byModel(names.modelDegradation, 'Relative accuracy drop against the baseline, 0-1.');
  // Issue 12: degradation is only as right as its baseline, so its origin and age are on every scrape.
  const baseline = new Gauge({
    name: names.modelBaseline,
    help: 'When the performance baseline was adopted, Unix seconds; source first-window, window or file.',
    labelNames: ['source'] as const,
    registers,
  });
  const spread = plain(
    names.spreadCompliance,
    'Share of predictions whose spread was within its limit, 0-1.',
  );
  const alerts = new Gauge({
    name: names.alerts,
    help: 'Active engine alerts (pending or firing), counted by name, severity and state.',
    labelNames: ['alertname', 'severity', 'state'] as const,
    registers,
  });
  // A gauge, not a histogram: evaluations run every 60-300 s and Prometheus scrapes every 15 s, so every
  // duration is seen by several scrapes, and "the last evaluation took 40 s" is what an operator alerts on.
  // A histogram would give rate()-based averages over a handful of observations and 15 more series.
  const duration = plain(names.evaluationDuration, 'How long the latest evaluation took, seconds.');
  const last = plain(names.lastEvaluation, 'When the latest evaluation ran, Unix time in seconds.');

  const modelGauges: [Gauge<'model'>, (r: ModelPerformanceInput) => number | null | undefined][] = [
    [accuracy, (r) => r.accuracy],
    [precision, (r) => r.precision],
    [recall, (r) => r.recall],
    [f1, (r) => r.f1],
    [degradation, (r) => r.degradation],
  ];

  return (report) => {
    const q = report.quality;
    setOrClear(quality, q?.score);
    setOrClear(missing, q?.missingRatio);
    setOrClear(duplicate, q?.duplicateRatio);
    setOrClear(outlier, q?.outlierRatio);

    writeDrift(driftScore, driftDetected, report.drift);
    setOrClear(driftShare, report.drift?.driftedShare);
    const pd = report.predictionDrift;
    setOrClear(predictionDrift, pd?.score);
    replaceSeries(
      predictionDriftPart,
      (['classes', 'confidence'] as const).map((part) => ({ labels: { part }, value: pd?.[part] ?? null })),
    );

    for (const [gauge, pick] of modelGauges) {
      replaceSeries(
        gauge,
        (report.performance ?? []).map((r) => ({ labels: { model: r.model }, value: pick(r) })),
      );
    }
    setOrClear(spread, report.spreadCompliance);
    const b = report.baseline;
    replaceSeries(baseline, b ? [{ labels: { source: b.source }, value: b.setAt / 1000 }] : []);

    writeAlerts(alerts, report.alerts);
    setOrClear(duration, report.durationSeconds);
    setOrClear(last, finite(report.timestamp) === null ? null : report.timestamp / 1000);
  };
}

/** One score series per column and method; `detected` only for columns that were actually tested. */
function writeDrift(
  score: Gauge<'feature' | 'method'>,
  detected: Gauge<'feature'>,
  drift: DriftInput | null,
): void {
  const scores: { labels: { feature: string; method: string }; value: number }[] = [];
  const flags: { labels: { feature: string }; value: number }[] = [];
  for (const c of drift?.columns ?? []) {
    const tests = Object.entries(c.tests ?? {});
    const methods =
      tests.length > 0
        ? tests.map(([method, t]) => [method, t?.score] as const)
        : [[c.method, c.score] as const];
    for (const [method, value] of methods) {
      const v = finite(value);
      if (v !== null) scores.push({ labels: { feature: c.column, method }, value: v });
    }
    // An untested column (NaN score, e.g. no values left) has no verdict: 0 would claim "no drift".
    if (finite(c.score) !== null) flags.push({ labels: { feature: c.column }, value: c.drifted ? 1 : 0 });
  }
  replaceSeries(score, scores);
  replaceSeries(detected, flags);
}

/** Counts the active alerts per (alertname, severity, state), like Prometheus' ALERTS series; others vanish. */
function writeAlerts(gauge: Gauge<'alertname' | 'severity' | 'state'>, alerts: readonly AlertInput[]): void {
  gauge.reset();
  for (const a of alerts) {
    if (ACTIVE_STATES.has(a.state))
      gauge.inc({ alertname: a.alertname, severity: a.severity, state: a.state });
  }
}

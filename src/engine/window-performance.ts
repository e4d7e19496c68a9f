/** Model performance over the window: per-model classification metrics, the baseline, degradation. */
import type { Config } from '../config/index.js';
import { type ClassificationMetrics, degradation, type Label, LabelPairCounts } from '../monitor/index.js';
import type { WindowColumns } from './window.js';

/** Fewer scored predictions than this give no accuracy: three lucky guesses are not a 100 % model. */
export const MIN_SCORED = 20;
/**
 * The baseline is taken from the first evaluation with at least this many scored predictions. The
 * degradation alert warns at a 5 % relative drop, so the baseline's own noise must sit well inside it: at
 * 90 % accuracy the standard error is sqrt(0.9 * 0.1 / n), 2.1 points at n = 200 (a lucky baseline alone
 * read as a 5 % "degradation" in the healthy demo), 0.95 points at 1,000.
 */
export const BASELINE_MIN_SCORED = 1000;

/**
 * The reference metrics degradation is measured against. We take them from the first evaluation after the
 * engine starts (or after the data dir was wiped) that scores at least BASELINE_MIN_SCORED predictions,
 * and persist them, so a restart keeps comparing with the same figures.
 */
export interface Baseline {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /**
   * Share of each predicted label when the baseline was taken. Kept in baseline.json for the record; prediction
   * drift is measured against the reference's outputs instead (evaluate-window, monitor/prediction-drift).
   */
  predictionShares: Record<string, number>;
  support: number;
  /** When it was taken, epoch ms. */
  at: number;
}

/** One model's scores; null until it has MIN_SCORED scored predictions. */
export interface ModelScores {
  model: string;
  scored: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  degradation: number | null;
}

/** The performance part of the report (operational figures are added by evaluate-window). */
export interface ScoredPerformance {
  scored: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  confusion: ClassificationMetrics['confusion'] | null;
  models: ModelScores[];
  degradation: {
    status: 'healthy' | 'warning' | 'degraded';
    /** Mean relative drop against the baseline, clamped at 0 (an improvement is no degradation). */
    ratio: number | null;
    perMetric: Record<string, number>;
    baseline: Baseline | null;
  };
}

const METRIC_KEYS = ['accuracy', 'precision', 'recall', 'f1'] as const;

/** Scores the window's predictions that have actuals (failed predictions have nothing to score). */
export function scorePerformance(
  w: WindowColumns,
  baseline: Baseline | null,
  config: Config,
): { performance: ScoredPerformance; candidate: Baseline | null; now: ClassificationMetrics | null } {
  // Pairs are counted, not listed: the window holds few distinct labels (LabelPairCounts). Counted per model
  // only; the overall counts are their sum.
  const byModel = new Map<string, LabelPairCounts>();
  const predictions = new Map<Label, number>(); // raw label -> count, in first-seen order
  let predicted = 0;
  let lastModel: string | undefined;
  let g: LabelPairCounts | undefined;
  for (let i = 0; i < w.rows; i++) {
    const p = w.prediction[i] ?? null;
    if (p === null || w.error[i] !== null) continue;
    predicted++;
    predictions.set(p, (predictions.get(p) ?? 0) + 1);
    const a = w.actual[i] ?? null;
    if (a === null) continue;
    const model = w.model[i] ?? 'default';
    if (model !== lastModel || g === undefined) {
      g = byModel.get(model);
      if (g === undefined) {
        g = new LabelPairCounts();
        byModel.set(model, g);
      }
      lastModel = model;
    }
    g.add(a, p);
  }
  const all = byModel.size === 1 ? [...byModel.values()][0]! : new LabelPairCounts();
  if (byModel.size !== 1) for (const counts of byModel.values()) all.merge(counts);
  // Shares by String(label), keys in the order rows first showed them (as counting String(p) per row did).
  const shares = new Map<string, number>();
  for (const [p, n] of predictions) shares.set(String(p), (shares.get(String(p)) ?? 0) + n);
  const overall = all.metrics(MIN_SCORED);
  const thresholds = config.performance.degradation;
  const degrade = (m: ClassificationMetrics | null) =>
    m && baseline ? degradation(pick(baseline), pick(m), thresholds) : null;
  const d = degrade(overall);
  const models = [...byModel.entries()].map(([model, g]): ModelScores => {
    // One model (the usual case) is the whole population: scoring it again would double the cost.
    const m = byModel.size === 1 ? overall : g.metrics(MIN_SCORED);
    const md = degrade(m);
    return { model, scored: g.total, ...pick(m), degradation: clampRatio(md?.averageDegradation) };
  });
  const currentShares = Object.fromEntries([...shares].map(([k, n]) => [k, n / Math.max(1, predicted)]));
  const candidate: Baseline | null =
    overall && all.total >= BASELINE_MIN_SCORED
      ? { ...pick(overall), predictionShares: currentShares, support: all.total, at: w.to ?? 0 }
      : null;
  const ref = baseline ?? null;
  return {
    performance: {
      scored: all.total,
      ...pick(overall),
      confusion: overall?.confusion ?? null,
      models,
      degradation: {
        status: d?.status ?? 'healthy',
        ratio: clampRatio(d?.averageDegradation),
        perMetric: d?.degradation ?? {},
        baseline: ref,
      },
    },
    candidate,
    now: overall,
  };
}

function pick(m: Pick<ClassificationMetrics, (typeof METRIC_KEYS)[number]> | null) {
  return {
    accuracy: m?.accuracy ?? null,
    precision: m?.precision ?? null,
    recall: m?.recall ?? null,
    f1: m?.f1 ?? null,
  } as Record<(typeof METRIC_KEYS)[number], number>;
}

const clampRatio = (x: number | null | undefined) =>
  typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : null;

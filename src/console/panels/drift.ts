/**
 * Drift panel: one row per feature (method, score or p-value, drifted) and the dataset's drifted share, and
 * apart from them the prediction drift (the model's outputs against the reference's).
 */

import type { Level } from '../../monitor/index.js';
import { num, pct } from './format.js';
import { figure, type PanelModel, type Stat } from './model.js';
import { worst } from './state.js';

/** One feature's drift result. `pValue` is null for distances (score is then the distance). */
export interface FeatureDrift {
  feature: string;
  method: string;
  score: number | null;
  pValue: number | null;
  drifted: boolean | null;
}

/** Prediction drift: the score (the larger PSI), its two parts, the class shares then and now. */
export interface PredictionDriftSamples {
  score: number | null;
  classes: number | null;
  confidence: number | null;
  shares: ReadonlyArray<{ label: string; reference: number; current: number }>;
  /** Why there is no score, when the source says (no outputs in the reference, warming up). */
  note: string | null;
}

/** What the panel reads. */
export interface DriftSamples {
  features: FeatureDrift[];
  share: number | null;
  /** Why there is no share, when the source says (no reference, too few rows). */
  reason?: string;
  /** Absent from sources that predate it: the panel then shows feature drift alone. */
  prediction?: PredictionDriftSamples;
}

/** The levels the panel judges: the drifted share (DataDriftDetected) and prediction drift (PredictionDrift). */
export interface DriftLevels {
  share: Level;
  prediction: Level;
}

/**
 * Builds the drift panel; drifted features first, then by name. The share of drifted features is judged
 * against the book's driftShare level, as DataDriftDetected: from drift.warning_share (one feature alone
 * drifts by chance too often), critical at Evidently's dataset drift (drift.dataset_share). Prediction drift
 * is judged against its own level, as PredictionDrift; the panel takes the worse of the two, and a prediction
 * drift that cannot be judged (a reference without outputs) leaves the panel to feature drift.
 */
export function toDriftModel(s: DriftSamples, levels: DriftLevels): PanelModel {
  const shareState = levels.share.judge(s.share);
  const p = s.prediction;
  const predictionState = levels.prediction.judge(p?.score);
  const state = predictionState === 'unknown' ? shareState : worst([shareState, predictionState]);
  const sorted = [...s.features].sort(
    (a, b) => Number(b.drifted === true) - Number(a.drifted === true) || a.feature.localeCompare(b.feature),
  );
  const rows = sorted.map((f) => ({
    feature: f.feature,
    method: f.method,
    score: f.pValue === null ? num(f.score) : `p=${num(f.pValue)}`,
    drifted: f.drifted === null ? '?' : f.drifted ? '✖ yes' : '✔ no',
  }));
  // Nothing judged (no reference, or a window still under drift.min_rows): no count, not "0/0"
  const judged = s.share !== null || s.features.length > 0;
  const drifted = judged ? s.features.filter((f) => f.drifted === true).length : null;
  const stats: Stat[] = [
    {
      label: 'drifted',
      value: drifted === null ? '—' : `${drifted}/${s.features.length}`,
      state: shareState,
      ...figure(drifted, 'count'),
    },
    { label: 'share', value: pct(s.share), state: shareState, ...figure(s.share, 'ratio', levels.share) },
  ];
  if (p) {
    const parts = p.score === null ? '' : ` (classes ${num(p.classes)}, confidence ${num(p.confidence)})`;
    stats.push({
      label: 'prediction drift',
      value: `${num(p.score)}${parts}`,
      state: predictionState,
      ...figure(p.score, 'score', levels.prediction),
    });
  }
  const notes = [
    s.share === null
      ? (s.reason ?? 'no drift figures yet')
      : shareState === 'critical'
        ? 'dataset drifted'
        : null,
    p ? predictionNote(p, predictionState) : null,
  ].filter((n): n is string => n !== null);
  return {
    id: 'drift',
    title: 'Drift',
    state,
    stats,
    series: [],
    table: { columns: ['feature', 'method', 'score', 'drifted'], rows },
    records: sorted.map((f) => ({
      feature: f.feature,
      method: f.method,
      score: f.score,
      pValue: f.pValue,
      drifted: f.drifted,
    })),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** "outputs drifted: buy 32%→86%, sell 32%→6%" (the two largest moves), or why there is no score. */
function predictionNote(p: PredictionDriftSamples, state: ReturnType<Level['judge']>): string | null {
  if (p.score === null) return p.note ? `prediction drift: ${p.note}` : null;
  if (state !== 'warning' && state !== 'critical') return null;
  const moves = [...p.shares]
    .sort((a, b) => Math.abs(b.current - b.reference) - Math.abs(a.current - a.reference))
    .slice(0, 2)
    .map((c) => `${c.label} ${pct(c.reference, 0)}→${pct(c.current, 0)}`);
  return `outputs drifted${moves.length > 0 ? `: ${moves.join(', ')}` : ''}`;
}

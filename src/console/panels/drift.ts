/** Drift panel: one row per feature (method, score or p-value, drifted) and the dataset's drifted share. */

import type { Level } from '../../monitor/index.js';
import { num, pct } from './format.js';
import { figure, type PanelModel } from './model.js';

/** One feature's drift result. `pValue` is null for distances (score is then the distance). */
export interface FeatureDrift {
  feature: string;
  method: string;
  score: number | null;
  pValue: number | null;
  drifted: boolean | null;
}

/** What the panel reads. */
export interface DriftSamples {
  features: FeatureDrift[];
  share: number | null;
  /** Why there is no share, when the source says (no reference, too few rows). */
  reason?: string;
}

/**
 * Builds the drift panel; drifted features first, then by name. The state is the share of drifted
 * features against the book's driftShare level, as DataDriftDetected: from drift.warning_share (one
 * feature alone drifts by chance too often), critical at Evidently's dataset drift (drift.dataset_share).
 */
export function toDriftModel(s: DriftSamples, level: Level): PanelModel {
  const state = level.judge(s.share);
  const sorted = [...s.features].sort(
    (a, b) => Number(b.drifted === true) - Number(a.drifted === true) || a.feature.localeCompare(b.feature),
  );
  const rows = sorted.map((f) => ({
    feature: f.feature,
    method: f.method,
    score: f.pValue === null ? num(f.score) : `p=${num(f.pValue)}`,
    drifted: f.drifted === null ? '?' : f.drifted ? '✖ yes' : '✔ no',
  }));
  const drifted = s.features.filter((f) => f.drifted === true).length;
  return {
    id: 'drift',
    title: 'Drift',
    state,
    stats: [
      { label: 'drifted', value: `${drifted}/${s.features.length}`, state, ...figure(drifted, 'count') },
      { label: 'share', value: pct(s.share), state, ...figure(s.share, 'ratio', level) },
    ],
    series: [],
    table: { columns: ['feature', 'method', 'score', 'drifted'], rows },
    records: sorted.map((f) => ({
      feature: f.feature,
      method: f.method,
      score: f.score,
      pValue: f.pValue,
      drifted: f.drifted,
    })),
    ...(s.share === null
      ? { note: s.reason ?? 'no drift figures yet' }
      : state === 'critical'
        ? { note: 'dataset drifted' }
        : {}),
  };
}

/** Drift panel: one row per feature (method, score or p-value, drifted) and the dataset's drifted share. */
import { num, pct } from './format.js';
import type { PanelModel } from './model.js';
import { levelState } from './state.js';

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
}

/** Warn when any feature drifts; critical at config.drift.dataset_share (Evidently's dataset drift). */
export interface DriftLimits {
  datasetShare: number;
}

/** Builds the drift panel; drifted features first, then by name. */
export function toDriftModel(s: DriftSamples, limits: DriftLimits): PanelModel {
  const state = levelState(s.share, {
    warning: 0,
    critical: limits.datasetShare,
    direction: 'above',
    inclusiveCritical: true,
  });
  const rows = [...s.features]
    .sort(
      (a, b) => Number(b.drifted === true) - Number(a.drifted === true) || a.feature.localeCompare(b.feature),
    )
    .map((f) => ({
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
      { label: 'drifted', value: `${drifted}/${s.features.length}`, state },
      { label: 'share', value: pct(s.share), state },
    ],
    series: [],
    table: { columns: ['feature', 'method', 'score', 'drifted'], rows },
    ...(s.share === null
      ? { note: 'no drift data (no reference?)' }
      : state === 'critical'
        ? { note: 'dataset drifted' }
        : {}),
  };
}

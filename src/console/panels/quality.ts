/** Data quality panel: the guide's quality score, missing, duplicate and outlier ratios, and the score's trend. */

import type { Level } from '../../monitor/index.js';
import { pct } from './format.js';
import { figure, type PanelModel } from './model.js';
import { worst } from './state.js';

/** What the panel reads (from Prometheus or the engine report). Ratios are 0-1; null = no data. */
export interface QualitySamples {
  score: number | null;
  missing: number | null;
  duplicates: number | null;
  outliers: number | null;
  trend: number[];
}

/** Builds the data quality panel against the book's quality level (quality.min_score, critical_score). */
export function toQualityModel(s: QualitySamples, level: Level): PanelModel {
  const score = level.judge(s.score);
  const known = (v: number | null) => (v === null ? 'unknown' : 'ok');
  const stats = [
    { label: 'score', value: pct(s.score), state: score, ...figure(s.score, 'ratio', level) },
    { label: 'missing', value: pct(s.missing), state: known(s.missing), ...figure(s.missing, 'ratio') },
    {
      label: 'dupes',
      value: pct(s.duplicates),
      state: known(s.duplicates),
      ...figure(s.duplicates, 'ratio'),
    },
    { label: 'outliers', value: pct(s.outliers), state: known(s.outliers), ...figure(s.outliers, 'ratio') },
  ] as const;
  return {
    id: 'quality',
    title: 'Data quality',
    state: worst([score]),
    stats: [...stats],
    series: s.trend.length > 0 ? [{ name: 'score', points: s.trend }] : [],
    unit: 'ratio',
    levels: { warning: level.warning, critical: level.critical },
    ...(s.score === null ? { note: 'no quality data yet' } : {}),
  };
}

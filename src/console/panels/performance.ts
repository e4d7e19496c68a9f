/** Model performance panel: accuracy, precision, recall and F1 against the reference, and degradation. */

import type { Level } from '../../monitor/index.js';
import { pct } from './format.js';
import { figure, type PanelModel } from './model.js';
import { worst } from './state.js';

/** The four scores; null until enough predictions were scored. */
export interface Scores {
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** What the panel reads. `degradation` is the mean relative drop against the reference (0-1). */
export interface PerformanceSamples {
  current: Scores;
  /** The model with the lowest accuracy, when the source tells models apart. */
  worst?: { model: string; accuracy: number } | null;
  reference: Scores | null;
  degradation: number | null;
  trend: number[];
}

/** config.thresholds.model_accuracy and config.performance.degradation. */
export interface PerformanceLimits {
  accuracy: Level;
  degradation: Level;
}

const KEYS = ['accuracy', 'precision', 'recall', 'f1'] as const;

/** Builds the performance panel. */
export function toPerformanceModel(s: PerformanceSamples, limits: PerformanceLimits): PanelModel {
  // A panel's state is its worst series: one model at 71 % is critical even when the average reads 79 %.
  const worstModel = s.worst ?? null;
  const acc = limits.accuracy.judge(worstModel?.accuracy ?? s.current.accuracy);
  const deg = limits.degradation.judge(s.degradation);
  const rows = KEYS.map((k) => {
    const cur = s.current[k];
    const ref = s.reference?.[k] ?? null;
    const delta = cur !== null && ref !== null ? cur - ref : null;
    return {
      metric: k,
      current: pct(cur),
      reference: pct(ref),
      delta: delta === null ? '—' : `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)}pp`,
    };
  });
  const state =
    s.current.accuracy === null && s.degradation === null
      ? 'unknown'
      : worst([acc, deg].filter((x) => x !== 'unknown'));
  return {
    id: 'performance',
    title: 'Model performance',
    state,
    stats: [
      worstModel && worstModel.accuracy !== s.current.accuracy
        ? {
            label: 'accuracy',
            value: `${pct(worstModel.accuracy)} (${worstModel.model})`,
            state: acc,
            ...figure(worstModel.accuracy, 'ratio', limits.accuracy),
            labels: { model: worstModel.model },
          }
        : {
            label: 'accuracy',
            value: pct(s.current.accuracy),
            state: acc,
            ...figure(s.current.accuracy, 'ratio', limits.accuracy),
          },
      ...(worstModel && worstModel.accuracy !== s.current.accuracy
        ? [
            {
              label: 'avg',
              value: pct(s.current.accuracy),
              state: 'ok' as const,
              ...figure(s.current.accuracy, 'ratio'),
            },
          ]
        : []),
      {
        label: 'F1',
        value: pct(s.current.f1),
        state: s.current.f1 === null ? 'unknown' : 'ok',
        ...figure(s.current.f1, 'ratio'),
      },
      {
        label: 'degradation',
        value: pct(s.degradation),
        state: deg,
        ...figure(s.degradation, 'ratio', limits.degradation),
      },
    ],
    series: s.trend.length > 0 ? [{ name: 'accuracy', points: s.trend }] : [],
    unit: 'ratio',
    levels: { warning: limits.accuracy.warning, critical: limits.accuracy.critical },
    table: { columns: ['metric', 'current', 'reference', 'delta'], rows },
    records: KEYS.map((k) => {
      const cur = s.current[k];
      const ref = s.reference?.[k] ?? null;
      return {
        metric: k,
        current: cur,
        reference: ref,
        delta: cur !== null && ref !== null ? cur - ref : null,
      };
    }),
    ...(s.current.accuracy === null ? { note: 'no scored predictions yet' } : {}),
  };
}

/** Error rate panel: failed predictions over all predictions, over time, and the top error types. */

import type { Level } from '../../monitor/index.js';
import { pct } from './format.js';
import { figure, type PanelModel } from './model.js';

/** The error ratio (0-1) now and over time, and the most frequent error types in the range. */
export interface ErrorSamples {
  ratio: number | null;
  series: number[];
  topTypes: Array<{ type: string; count: number }>;
}

/** Builds the error-rate panel against config.thresholds.error_ratio. */
export function toErrorModel(s: ErrorSamples, levels: Level): PanelModel {
  const state = levels.judge(s.ratio);
  const top = [...s.topTypes].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)).slice(0, 5);
  return {
    id: 'errors',
    title: 'Error rate',
    state,
    stats: [
      { label: 'errors', value: pct(s.ratio, 2), state, ...figure(s.ratio, 'ratio', levels) },
      ...(top[0]
        ? [
            {
              label: 'top',
              value: `${top[0].type} (${Math.round(top[0].count)})`,
              state: 'ok' as const,
              ...figure(top[0].count, 'count'),
              labels: { error_type: top[0].type },
            },
          ]
        : []),
    ],
    series: s.series.length > 0 ? [{ name: 'error %', points: s.series }] : [],
    unit: 'ratio',
    levels: { warning: levels.warning, critical: levels.critical },
    table: {
      columns: ['error type', 'count'],
      rows: top.map((t) => ({ 'error type': t.type, count: String(Math.round(t.count)) })),
    },
    records: top.map((t) => ({ errorType: t.type, count: t.count })),
  };
}

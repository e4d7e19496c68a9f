/** Latency panel: p50/p95/p99 over time, with the warning and critical levels drawn; p95 decides the state. */

import type { Level } from '../../monitor/index.js';
import { secs } from './format.js';
import { figure, type PanelModel } from './model.js';

/** Quantiles in seconds now, and their series over the time range. */
export interface LatencySamples {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  series: { p50: number[]; p95: number[]; p99: number[] };
}

/** Builds the latency panel against config.thresholds.prediction_latency_seconds. */
export function toLatencyModel(s: LatencySamples, levels: Level): PanelModel {
  const state = levels.judge(s.p95);
  const series = (['p50', 'p95', 'p99'] as const)
    .filter((k) => s.series[k].length > 0)
    .map((k) => ({ name: k, points: s.series[k] }));
  return {
    id: 'latency',
    title: 'Latency',
    state,
    stats: [
      {
        label: 'p50',
        value: secs(s.p50),
        state: s.p50 === null ? 'unknown' : 'ok',
        ...figure(s.p50, 'seconds'),
      },
      { label: 'p95', value: secs(s.p95), state, ...figure(s.p95, 'seconds', levels) },
      {
        label: 'p99',
        value: secs(s.p99),
        state: s.p99 === null ? 'unknown' : 'ok',
        ...figure(s.p99, 'seconds'),
      },
    ],
    series,
    unit: 'seconds',
    levels: { warning: levels.warning, critical: levels.critical },
    ...(s.p95 === null ? { note: 'no predictions in range' } : {}),
  };
}

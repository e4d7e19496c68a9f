/** Throughput panel: predictions per second now and over time. */
import { num } from './format.js';
import type { PanelModel } from './model.js';
import { type Levels, levelState } from './state.js';

/** Predictions per second. */
export interface ThroughputSamples {
  current: number | null;
  series: number[];
}

/** Builds the throughput panel against config.thresholds.prediction_throughput_per_second. */
export function toThroughputModel(s: ThroughputSamples, levels: Levels): PanelModel {
  const state = levelState(s.current, levels);
  return {
    id: 'throughput',
    title: 'Throughput',
    state,
    stats: [{ label: 'rate', value: s.current === null ? '—' : `${num(s.current, 1)}/s`, state }],
    series: s.series.length > 0 ? [{ name: 'pred/s', points: s.series }] : [],
    unit: 'rate',
    levels: { warning: levels.warning, critical: levels.critical },
  };
}

/** Throughput panel: predictions per second now and over time. */

import type { Level } from '../../monitor/index.js';
import { num } from './format.js';
import { figure, type PanelModel } from './model.js';

/** Predictions per second. */
export interface ThroughputSamples {
  current: number | null;
  series: number[];
  /**
   * Seconds the counter behind `current` has existed, when known, and the rate window it is read over. A
   * counter younger than its window reads low (rate() sees only part of the window), so it is not judged.
   */
  warmingUp?: { ageSeconds: number; windowSeconds: number } | null;
}

/** Builds the throughput panel against config.thresholds.prediction_throughput_per_second. */
export function toThroughputModel(s: ThroughputSamples, levels: Level): PanelModel {
  const warm = s.warmingUp ?? null;
  const state = warm ? 'unknown' : levels.judge(s.current);
  return {
    id: 'throughput',
    title: 'Throughput',
    state,
    stats: [
      {
        label: 'rate',
        value: s.current === null ? '—' : `${num(s.current, 1)}/s`,
        state,
        ...figure(s.current, 'per_second', levels),
      },
    ],
    series: s.series.length > 0 ? [{ name: 'pred/s', points: s.series }] : [],
    unit: 'rate',
    levels: { warning: levels.warning, critical: levels.critical },
    ...(warm
      ? {
          note: `warming up: counter ${Math.round(warm.ageSeconds)}s old, rate window ${warm.windowSeconds}s`,
        }
      : s.current === null
        ? { note: 'no predictions counted' }
        : {}),
  };
}

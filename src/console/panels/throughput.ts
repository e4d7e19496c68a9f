/** Throughput panel: predictions per second now and over time, and how full the service's queue is. */

import type { Level } from '../../monitor/index.js';
import { num, pct } from './format.js';
import { figure, type PanelModel } from './model.js';
import { worst } from './state.js';

/** Predictions per second. */
export interface ThroughputSamples {
  current: number | null;
  series: number[];
  /**
   * Seconds the counter behind `current` has existed, when known, and the rate window it is read over. A
   * counter younger than its window reads low (rate() sees only part of the window), so it is not judged.
   */
  warmingUp?: { ageSeconds: number; windowSeconds: number } | null;
  /** The model service's queue fill, 0-1 (prediction_queue_utilization_ratio); null or absent: not reported. */
  queue?: number | null;
}

/**
 * Builds the throughput panel against config.thresholds.prediction_throughput_per_second, and the queue
 * against queue_utilization_ratio (the market-maker guide's 70 % / 90 %) when `queueLevels` is given.
 */
export function toThroughputModel(s: ThroughputSamples, levels: Level, queueLevels?: Level): PanelModel {
  const warm = s.warmingUp ?? null;
  const rateState = warm ? 'unknown' : levels.judge(s.current);
  const queue = s.queue ?? null;
  const queueState = queueLevels ? queueLevels.judge(queue) : 'unknown';
  // an unreported queue has no say (a service may not report one); a reported one can only make it worse
  const state = queue === null ? rateState : worst([rateState, queueState]);
  return {
    id: 'throughput',
    title: 'Throughput',
    state,
    stats: [
      {
        label: 'rate',
        value: s.current === null ? '—' : `${num(s.current, 1)}/s`,
        state: rateState,
        ...figure(s.current, 'per_second', levels),
      },
      ...(queueLevels && queue !== null
        ? [
            {
              label: 'queue',
              value: pct(queue, 0),
              state: queueState,
              ...figure(queue, 'ratio', queueLevels),
            },
          ]
        : []),
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

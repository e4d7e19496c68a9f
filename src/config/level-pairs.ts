/**
 * Which config keys form a warning/critical pair, and the check that they do not contradict each other.
 * A contradiction (a critical level a value would reach before the warning level) is a config error that
 * names both keys and where each came from; it is never silently clamped.
 */
import { describeOrigin, type Origins } from './origins.js';
import { THRESHOLD_NAMES } from './schema.js';

/** One pair: the key of the milder level, the key of the severe one, the bad side, and a unit scale. */
export interface LevelPair {
  warning: string;
  critical: string;
  /** The bad side; absent for a thresholds row, whose own `direction` key says it. */
  direction?: 'above' | 'below';
  /** Multiplies each key's value into the pair's common unit (latency.threshold_ms is in ms). */
  scale?: { warning?: number; critical?: number };
}

/**
 * Every pair mmops judges. Besides each market-maker table row, the market-master guide's single levels
 * are folded into those rows, so each must sit on the right side of its row:
 * - LATENCY_THRESHOLD (latency.threshold_ms) caps the critical latency: below the warning level it would
 *   page critical on values that are not even a warning.
 * - PERFORMANCE_THRESHOLD (performance.min_accuracy) is a critical accuracy floor: above the accuracy
 *   warning level it would page critical first.
 * - system.cpu_percent / memory_percent warn (SystemHealthDegraded) below their row's critical level.
 */
export const LEVEL_PAIRS: readonly LevelPair[] = [
  ...THRESHOLD_NAMES.map((n) => ({
    warning: `thresholds.${n}.warning`,
    critical: `thresholds.${n}.critical`,
  })),
  { warning: 'quality.min_score', critical: 'quality.critical_score', direction: 'below' },
  { warning: 'drift.warning_share', critical: 'drift.dataset_share', direction: 'above' },
  {
    warning: 'performance.degradation.warning',
    critical: 'performance.degradation.critical',
    direction: 'above',
  },
  {
    warning: 'thresholds.prediction_latency_seconds.warning',
    critical: 'latency.threshold_ms',
    scale: { critical: 1 / 1000 },
  },
  { warning: 'thresholds.model_accuracy.warning', critical: 'performance.min_accuracy' },
  {
    warning: 'system.cpu_percent',
    critical: 'thresholds.cpu_utilization_ratio.critical',
    direction: 'above',
    scale: { warning: 1 / 100 },
  },
  {
    warning: 'system.memory_percent',
    critical: 'thresholds.memory_utilization_ratio.critical',
    direction: 'above',
    scale: { warning: 1 / 100 },
  },
];

function at(data: unknown, path: string): unknown {
  let cur = data;
  for (const k of path.split('.'))
    cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/**
 * The contradictions in `data` (validated config data), one message each, e.g.
 * "latency.threshold_ms = 50 (from environment variable LATENCY_THRESHOLD) is below
 * thresholds.prediction_latency_seconds.warning = 0.1 (from config/default.yaml:118): ...".
 * A pair whose warning key is a thresholds row takes that row's `direction`.
 */
export function levelConflicts(data: unknown, origins: Origins): string[] {
  const out: string[] = [];
  for (const p of LEVEL_PAIRS) {
    const w = at(data, p.warning);
    const c = at(data, p.critical);
    if (typeof w !== 'number' || typeof c !== 'number') continue;
    const row = p.warning.match(/^thresholds\.([a-z_]+)\.warning$/)?.[1];
    const rowDir = row ? at(data, `thresholds.${row}.direction`) : undefined;
    const direction = rowDir === 'below' ? 'below' : rowDir === 'above' ? 'above' : (p.direction ?? 'above');
    const wv = w * (p.scale?.warning ?? 1);
    const cv = c * (p.scale?.critical ?? 1);
    const bad = direction === 'above' ? cv < wv : cv > wv;
    if (!bad) continue;
    const side = direction === 'above' ? 'below' : 'above';
    const shown = (key: string, v: number, scaled: number) =>
      `${key} = ${v}${scaled === v ? '' : ` (${scaled} in the pair's unit)`} (from ${describeOrigin(origins.get(key))})`;
    out.push(
      `${shown(p.critical, c, cv)} is ${side} ${shown(p.warning, w, wv)}: for a figure that is bad when ` +
        `${direction === 'above' ? 'high' : 'low'}, the critical level must not be ${side} the warning level`,
    );
  }
  return out;
}

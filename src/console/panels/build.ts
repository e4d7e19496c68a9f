/** All panel models from the samples and the config, and the overall state (the worst of everything). */
import type { Config } from '../../config/index.js';
import type { PanelSamples } from '../data/samples.js';
import { type MergedAlert, toAlertsModel } from './alerts.js';
import { toDriftModel } from './drift.js';
import { toErrorModel } from './errors.js';
import { toLatencyModel } from './latency.js';
import type { PanelModel } from './model.js';
import { toPerformanceModel } from './performance.js';
import { toQualityModel } from './quality.js';
import { toResourceModel } from './resources.js';
import { type PanelState, worst } from './state.js';
import { toThroughputModel } from './throughput.js';

/** The config parts the panels read; a whole Config fits. */
export type PanelLimits = Pick<Config, 'thresholds' | 'quality' | 'drift' | 'performance'>;

/** Every panel's model. */
export interface PanelModels {
  quality: PanelModel;
  drift: PanelModel;
  performance: PanelModel;
  latency: PanelModel;
  throughput: PanelModel;
  errors: PanelModel;
  resources: PanelModel;
  alerts: PanelModel & { alerts: MergedAlert[] };
}

/** The panels in the order the overview and `mmops status` list them. */
export const PANEL_ORDER = [
  'quality',
  'drift',
  'performance',
  'latency',
  'throughput',
  'errors',
  'resources',
  'alerts',
] as const satisfies ReadonlyArray<keyof PanelModels>;

/** Builds every panel. */
export function buildPanels(s: PanelSamples, limits: PanelLimits): PanelModels {
  const t = limits.thresholds;
  return {
    quality: toQualityModel(s.quality, {
      minScore: limits.quality.min_score,
      criticalScore: limits.quality.critical_score,
    }),
    drift: toDriftModel(s.drift, { datasetShare: limits.drift.dataset_share }),
    performance: toPerformanceModel(s.performance, {
      accuracy: t.model_accuracy,
      degradation: limits.performance.degradation,
    }),
    latency: toLatencyModel(s.latency, t.prediction_latency_seconds),
    throughput: toThroughputModel(s.throughput, t.prediction_throughput_per_second),
    errors: toErrorModel(s.errors, t.error_ratio),
    resources: toResourceModel(s.resources, {
      cpu: t.cpu_utilization_ratio,
      memory: t.memory_utilization_ratio,
      disk: t.disk_utilization_ratio,
      gpu: t.gpu_utilization_ratio,
    }),
    alerts: toAlertsModel(s.alerts),
  };
}

/** The worst state over every panel. Unknown panels count only when nothing is known at all. */
export function overallState(models: PanelModels): PanelState {
  const states = PANEL_ORDER.map((k) => models[k].state);
  const known = states.filter((x) => x !== 'unknown');
  return known.length === 0 ? 'unknown' : worst(known);
}

/** All panel models from the samples and the config, and the overall state (the worst of everything). */
import type { LevelBook } from '../../monitor/index.js';
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

/** The levels the panels judge with: monitor's level book, built from the config by the caller. */
export type PanelLimits = LevelBook;

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

/**
 * The panel each alert speaks for. A panel is never milder than a firing alert on its figure: the alert
 * judges the same figure over its `for` (and may read a series the panel does not), so when it fires
 * critical the panel is critical, and the panel names it.
 */
const ALERT_PANEL: Readonly<Record<string, Exclude<keyof PanelModels, 'alerts'>>> = {
  HighPredictionLatency: 'latency',
  LowThroughput: 'throughput',
  HighQueueUtilization: 'throughput',
  HighErrorRatio: 'errors',
  PredictionErrorBurst: 'errors',
  DataQualityDegraded: 'quality',
  DataDriftDetected: 'drift',
  ModelDrift: 'drift',
  PredictionDrift: 'drift',
  LowModelAccuracy: 'performance',
  ModelPerformanceDegraded: 'performance',
  LowSpreadCompliance: 'performance',
  HighCpuUtilization: 'resources',
  HighMemoryUtilization: 'resources',
  HighDiskUtilization: 'resources',
  HighGpuUtilization: 'resources',
  SystemHealthDegraded: 'resources',
};

/** Raises each panel to the severity of the firing alerts on its figure, naming the worst of them. */
function withAlerts(models: PanelModels): PanelModels {
  const out = { ...models };
  for (const a of models.alerts.alerts) {
    const id = ALERT_PANEL[a.name];
    if (!id || a.state !== 'firing' || (a.severity !== 'warning' && a.severity !== 'critical')) continue;
    const m = out[id];
    if (worst([m.state, a.severity]) === m.state && m.note?.startsWith('alert ')) continue;
    const state = worst([m.state, a.severity]);
    out[id] = { ...m, state, note: `alert ${a.name} ${a.severity}${m.note ? `; ${m.note}` : ''}` };
  }
  return out;
}

/** Each panel's title, for a panel whose builder failed. */
const TITLES: Readonly<Record<keyof PanelModels, string>> = {
  quality: 'Data quality',
  drift: 'Drift',
  performance: 'Model performance',
  latency: 'Latency',
  throughput: 'Throughput',
  errors: 'Error rate',
  resources: 'Resources',
  alerts: 'Alerts',
};

/** Told of every panel that could not be built: the console logs it to a file. */
export type PanelErrorSink = (panel: keyof PanelModels, error: unknown) => void;

/**
 * A panel whose builder threw: UNKNOWN with the error on the panel. Never the last good figures: a
 * formatter bug must not freeze a panel at an old OK while the header says the sources are fresh.
 */
export function failedPanel(id: keyof PanelModels, error: unknown): PanelModel & { alerts: MergedAlert[] } {
  const why = error instanceof Error ? error.message : String(error);
  return {
    id,
    title: TITLES[id],
    state: 'unknown',
    stats: [],
    series: [],
    note: `panel error: ${why}`,
    alerts: [],
  };
}

function guard<T extends PanelModel>(id: keyof PanelModels, build: () => T, onError?: PanelErrorSink): T {
  try {
    return build();
  } catch (err) {
    onError?.(id, err);
    return failedPanel(id, err) as unknown as T;
  }
}

/** Builds every panel against the level book; a panel that throws shows its error (and `onError` hears it). */
export function buildPanels(s: PanelSamples, book: PanelLimits, onError?: PanelErrorSink): PanelModels {
  const g = <T extends PanelModel>(id: keyof PanelModels, build: () => T) => guard(id, build, onError);
  return withAlerts({
    quality: g('quality', () => toQualityModel(s.quality, book.quality)),
    drift: g('drift', () =>
      toDriftModel(s.drift, { share: book.driftShare, prediction: book.predictionDrift }),
    ),
    performance: g('performance', () =>
      toPerformanceModel(s.performance, { accuracy: book.accuracy, degradation: book.degradation }),
    ),
    latency: g('latency', () => toLatencyModel(s.latency, book.latency)),
    throughput: g('throughput', () => toThroughputModel(s.throughput, book.throughput, book.queue)),
    errors: g('errors', () => toErrorModel(s.errors, book.errors)),
    resources: g('resources', () =>
      toResourceModel(s.resources, { cpu: book.cpu, memory: book.memory, disk: book.disk, gpu: book.gpu }),
    ),
    alerts: g('alerts', () => toAlertsModel(s.alerts)),
  });
}

/** Every panel failed with `error` (the samples themselves could not be read). */
export function allFailed(error: unknown): PanelModels {
  return Object.fromEntries(
    (Object.keys(TITLES) as Array<keyof PanelModels>).map((id) => [id, failedPanel(id, error)]),
  ) as unknown as PanelModels;
}

/** The worst state over every panel. Unknown panels count only when nothing is known at all. */
export function overallState(models: PanelModels): PanelState {
  const states = PANEL_ORDER.map((k) => models[k].state);
  const known = states.filter((x) => x !== 'unknown');
  return known.length === 0 ? 'unknown' : worst(known);
}

/**
 * The level book: every level mmops judges a figure against, built once from the config. The engine's
 * rules, the rendered Prometheus rules and Grafana lines, the console and `status` all read their levels
 * from here, so changing one config key (or its environment variable) moves every consumer together.
 */
import { type Config, parseDuration } from '../config/index.js';
import { judge, type LevelState, type Levels } from './levels.js';

/** One judged figure: its levels, how long they must hold before an alert fires, and where they came from. */
export interface Level extends Levels {
  /** The `for` of the alert on this figure, as written ("5m"), and in seconds. */
  for: string;
  forSeconds: number;
  /** The config keys the two levels come from, for messages ("thresholds.error_ratio.warning"). */
  keys: { warning: string; critical: string };
  /** judge(value, this level). */
  judge(value: number | null | undefined): LevelState;
}

/** The figures with levels. */
export type LevelName =
  | 'latency'
  | 'throughput'
  | 'errors'
  | 'queue'
  | 'memory'
  | 'cpu'
  | 'gpu'
  | 'disk'
  | 'accuracy'
  | 'spread'
  | 'modelDrift'
  | 'predictionDrift'
  | 'quality'
  | 'driftShare'
  | 'degradation'
  | 'accuracyFloor'
  | 'systemCpu'
  | 'systemMemory';

/** Every level, by figure. */
export type LevelBook = Readonly<Record<LevelName, Level>>;

type Spec = Omit<Level, 'judge' | 'forSeconds'>;

function level(spec: Spec): Level {
  const out: Level = { ...spec, forSeconds: parseDuration(spec.for), judge: (v) => judge(v, out) };
  return out;
}

/** The market-maker table row `name` as a level. */
function row(config: Config, name: keyof Config['thresholds']): Level {
  const t = config.thresholds[name];
  return level({
    warning: t.warning,
    critical: t.critical,
    direction: t.direction,
    for: t.for,
    keys: { warning: `thresholds.${name}.warning`, critical: `thresholds.${name}.critical` },
  });
}

/**
 * Builds the book. The config loader has already refused levels that contradict each other
 * (config/level-pairs.ts), so nothing here clamps.
 */
export function levelBook(config: Config): LevelBook {
  const t = config.thresholds;
  const latency = row(config, 'prediction_latency_seconds');
  // The market-master guide's single LATENCY_THRESHOLD (1000 ms) caps the critical level: the stricter of
  // the two pages. A separate p95 > 1 s alert would only ever fire after this critical one.
  const ceiling = config.latency.threshold_ms / 1000;
  const latencyLevel =
    ceiling < latency.critical
      ? level({ ...latency, critical: ceiling, keys: { ...latency.keys, critical: 'latency.threshold_ms' } })
      : latency;
  // The market-master guide's "system health issues detected" (cpu 80 %, memory 85 %) warns; it is
  // critical at the market-maker row's critical level for the same resource.
  const system = (resource: 'cpu' | 'memory', name: 'cpu_utilization_ratio' | 'memory_utilization_ratio') =>
    level({
      warning: config.system[`${resource}_percent`] / 100,
      critical: t[name].critical,
      direction: 'above',
      for: t[name].for,
      keys: { warning: `system.${resource}_percent`, critical: `thresholds.${name}.critical` },
    });
  return {
    latency: latencyLevel,
    throughput: row(config, 'prediction_throughput_per_second'),
    errors: row(config, 'error_ratio'),
    queue: row(config, 'queue_utilization_ratio'),
    memory: row(config, 'memory_utilization_ratio'),
    cpu: row(config, 'cpu_utilization_ratio'),
    gpu: row(config, 'gpu_utilization_ratio'),
    disk: row(config, 'disk_utilization_ratio'),
    accuracy: row(config, 'model_accuracy'),
    spread: row(config, 'spread_compliance_ratio'),
    // The guide's model_drift row ("prediction drift score", 0.1 / 0.2) is PredictionDrift's level. The
    // per-feature ModelDrift rule in Prometheus borrows the same row for the feature drift distances (the PSI
    // rule of thumb, 0.1 moderate, 0.2 significant), so one key moves both.
    modelDrift: row(config, 'model_drift_score'),
    predictionDrift: row(config, 'model_drift_score'),
    quality: level({
      warning: config.quality.min_score,
      critical: config.quality.critical_score,
      direction: 'below',
      for: config.quality.for,
      keys: { warning: 'quality.min_score', critical: 'quality.critical_score' },
    }),
    // Evidently's dataset drift is share >= drift_share, so both levels are inclusive.
    driftShare: level({
      warning: config.drift.warning_share,
      critical: config.drift.dataset_share,
      direction: 'above',
      inclusive: { warning: true, critical: true },
      for: config.drift.for,
      keys: { warning: 'drift.warning_share', critical: 'drift.dataset_share' },
    }),
    // The guide's PerformanceMonitor: "warning" above 5 % degradation, "degraded" above 10 %.
    degradation: level({
      warning: config.performance.degradation.warning,
      critical: config.performance.degradation.critical,
      direction: 'above',
      for: config.performance.degradation_for,
      keys: { warning: 'performance.degradation.warning', critical: 'performance.degradation.critical' },
    }),
    // The guide's ModelPerformanceDegraded rule: accuracy < PERFORMANCE_THRESHOLD (0.6) is critical at once;
    // it has one level, so both sit on it.
    accuracyFloor: level({
      warning: config.performance.min_accuracy,
      critical: config.performance.min_accuracy,
      direction: 'below',
      for: config.performance.degradation_for,
      keys: { warning: 'performance.min_accuracy', critical: 'performance.min_accuracy' },
    }),
    systemCpu: system('cpu', 'cpu_utilization_ratio'),
    systemMemory: system('memory', 'memory_utilization_ratio'),
  };
}

/**
 * What an alert rule measures: its PromQL, how its description prints the value, and, for the generated
 * promtool tests, the input series that make the expression evaluate to a chosen value.
 * One constructor per kind of source (a registry of small implementations behind one interface).
 */
import type { ValueFormat } from './go-format.js';
import { NODE_RECORDS, recordNames } from './recording-rules.js';
import {
  counterValues,
  gaugeValues,
  type InputSeries,
  type Labels,
  type Phases,
  presenceValues,
  seriesName,
} from './series-notation.js';

/** A measured value an alert compares with its level. */
export interface Signal {
  /** Rules with the same id read the same series (a test feeding one feeds all of them). */
  id: string;
  /** PromQL for the value. */
  expr: string;
  format: ValueFormat;
  /** The values the quantity can take, e.g. [0, 1] for a ratio; test values stay inside. */
  range: readonly [number, number];
  /** The expression returns a series' value unchanged, so a test can sit exactly on a level. */
  exact: boolean;
  /** The labels of the expression's result in the generated tests. */
  testLabels: Labels;
  /** promtool input series that make the expression evaluate to `p.value` once the window is past the change. */
  series(p: Phases): InputSeries[];
  /** What the expression evaluates to for the test value `v` (a histogram quantile is interpolated). */
  valueOf(v: number): number;
}

/** Scrape jobs and targets: prometheus/prometheus.yml and docker-compose.yml use the same. */
export const TARGETS = {
  engine: { job: 'market_master', instance: 'engine:8000' },
  node: { job: 'node', instance: 'node-exporter:9100' },
  gpu: { job: 'gpu', instance: 'gpu-exporter:9400' },
} as const;

const ENGINE = TARGETS.engine;
const RATIO = [0, 1] as const;
const UNBOUNDED = [0, Number.POSITIVE_INFINITY] as const;

/** An engine gauge read as it is, e.g. market_master_data_quality_score. */
export function gauge(metric: string, extra: Labels = {}, format: ValueFormat = 'percent'): Signal {
  const labels = { ...ENGINE, ...extra };
  return {
    id: metric,
    expr: metric,
    format,
    range: RATIO,
    exact: true,
    testLabels: labels,
    series: (p) => [{ series: seriesName(metric, labels), values: gaugeValues(p) }],
    valueOf: (v) => v,
  };
}

/** The largest distance score per feature over the distance methods (a p-value is not on that scale). */
export function driftDistance(metric: string, methods: readonly string[]): Signal {
  const labels = { ...ENGINE, feature: 'close' };
  const method = methods[0] ?? 'psi';
  return {
    id: `${metric}:distance`,
    expr: `max by (job, instance, feature) (${metric}{method=~"${methods.join('|')}"})`,
    format: 'plain',
    range: UNBOUNDED,
    exact: true,
    testLabels: labels,
    series: (p) => [{ series: seriesName(metric, { ...labels, method }), values: gaugeValues(p) }],
    valueOf: (v) => v,
  };
}

/** Predictions per second of the engine job; 0 (not "no data") while the engine is up but idle. */
export function throughput(prefix: string, job: string): Signal {
  const counter = `${prefix}_predictions_total`;
  const labels = { ...ENGINE, model: 'default', asset_class: 'equity' };
  // A counter that was never incremented has no series, so rate() alone says nothing about an idle
  // service; `or` supplies 0 for every engine job that is up.
  const idle = `0 * max by (job) (up{job="${job}"} == 1)`;
  return {
    id: 'throughput',
    expr: `(${recordNames(prefix).throughput()} or ${idle})`,
    format: 'rate',
    range: UNBOUNDED,
    exact: false,
    testLabels: { job: ENGINE.job },
    series: (p) => [{ series: seriesName(counter, labels), values: counterValues(p, (v) => v) }],
    valueOf: (v) => v,
  };
}

/** Failed predictions / all predictions over the window, from the two counters. */
export function errorRatio(prefix: string): Signal {
  const all = 20; // predictions per second in the test
  return {
    id: 'error-ratio',
    expr: recordNames(prefix).errorRatio(),
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: { job: ENGINE.job },
    series: (p) => [
      {
        series: seriesName(`${prefix}_predictions_total`, {
          ...ENGINE,
          model: 'default',
          asset_class: 'equity',
        }),
        values: counterValues(p, () => all),
      },
      {
        series: seriesName(`${prefix}_prediction_errors_total`, {
          ...ENGINE,
          model: 'default',
          error_type: 'timeout',
        }),
        values: counterValues(p, (v) => v * all),
      },
    ],
    valueOf: (v) => v,
  };
}

/** p95 prediction latency from the histogram; the tests place observations so p95 lands on a value. */
export function latencyP95(prefix: string, buckets: readonly number[]): Signal {
  const metric = `${prefix}_prediction_duration_seconds_bucket`;
  const les = [...buckets, Number.POSITIVE_INFINITY];
  const perSecond = 10;
  return {
    id: 'latency-p95',
    expr: recordNames(prefix).latency(0.95),
    format: 'duration',
    range: UNBOUNDED,
    exact: false,
    testLabels: { job: ENGINE.job },
    series: (p) =>
      les.map((le) => ({
        series: seriesName(metric, {
          ...ENGINE,
          model: 'default',
          le: le === Infinity ? '+Inf' : String(le),
        }),
        values: counterValues(p, (v) => perSecond * cumulativeShare(buckets, v, le)),
      })),
    valueOf: (v) => quantilePlan(buckets, v).p95,
  };
}

/**
 * Where to put observations so that histogram_quantile(0.95) interpolates to `v` (Prometheus'
 * bucketQuantile: start + (end - start) * rank / count within the bucket holding rank 0.95):
 * with v at a share x of its bucket (lo, hi], a share `below` sits in the bucket ending at lo and `inside`
 * in (lo, hi]; the rest lands in the next bucket.
 */
function quantilePlan(buckets: readonly number[], v: number) {
  const i = buckets.findIndex((b) => v <= b);
  if (i < 0) throw new RangeError(`latency ${v} s is beyond the last histogram bucket`);
  const hi = buckets[i]!;
  const lo = i === 0 ? 0 : buckets[i - 1]!;
  const x = (v - lo) / (hi - lo);
  // x < 0.95: solve (0.95 - below) / (1 - below) = x; otherwise put nothing below and spill the rest above.
  const [below, inside] = x < 0.95 ? [(0.95 - x) / (1 - x), (1 - 0.95) / (1 - x)] : [0, 0.95 / x];
  if (below > 0 && i === 0) throw new RangeError(`latency ${v} s is too close to 0 for the histogram`);
  return { lo, hi, below, inside, p95: lo + ((hi - lo) * (0.95 - below)) / inside };
}

/** Share of observations at or below `le` under the plan for `v`. */
function cumulativeShare(buckets: readonly number[], v: number, le: number): number {
  const { lo, hi, below, inside } = quantilePlan(buckets, v);
  if (le < lo) return 0;
  if (le < hi) return below;
  const next = buckets.find((b) => b > hi) ?? Number.POSITIVE_INFINITY;
  return le < next ? below + inside : 1;
}

/** Host CPU busy share from node-exporter: 1 - idle rate, averaged over CPUs. */
export function nodeCpu(): Signal {
  const labels = { ...TARGETS.node, cpu: '0', mode: 'idle' };
  return {
    id: 'node-cpu',
    expr: NODE_RECORDS.cpu,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: TARGETS.node,
    series: (p) => [
      { series: seriesName('node_cpu_seconds_total', labels), values: counterValues(p, (v) => 1 - v) },
    ],
    valueOf: (v) => v,
  };
}

/** Host memory in use from node-exporter: 1 - MemAvailable / MemTotal. */
export function nodeMemory(): Signal {
  const total = 8e9;
  return {
    id: 'node-memory',
    expr: NODE_RECORDS.memory,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: TARGETS.node,
    series: (p) => [
      { series: seriesName('node_memory_MemTotal_bytes', TARGETS.node), values: gaugeValues(p, () => total) },
      {
        series: seriesName('node_memory_MemAvailable_bytes', TARGETS.node),
        values: gaugeValues(p, (v) => (1 - v) * total),
      },
    ],
    valueOf: (v) => v,
  };
}

/** Used share of each real filesystem from node-exporter (tmpfs, overlay and the like excluded). */
export function nodeDisk(): Signal {
  const size = 1e11;
  const labels = { ...TARGETS.node, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
  return {
    id: 'node-disk',
    expr: NODE_RECORDS.disk,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: labels,
    series: (p) => [
      { series: seriesName('node_filesystem_size_bytes', labels), values: gaugeValues(p, () => size) },
      {
        series: seriesName('node_filesystem_avail_bytes', labels),
        values: gaugeValues(p, (v) => (1 - v) * size),
      },
    ],
    valueOf: (v) => v,
  };
}

/** GPU utilization from NVIDIA's dcgm-exporter (percent, so / 100); absent without a GPU. */
export function dcgmGpu(): Signal {
  const labels = { ...TARGETS.gpu, gpu: '0' };
  return {
    id: 'dcgm-gpu',
    expr: 'DCGM_FI_DEV_GPU_UTIL / 100',
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: labels,
    series: (p) => [
      { series: seriesName('DCGM_FI_DEV_GPU_UTIL', labels), values: gaugeValues(p, (v) => v * 100) },
    ],
    valueOf: (v) => v,
  };
}

/** Whether Prometheus' last scrape of the engine succeeded (1) or failed (0). */
export function up(job: string): Signal {
  const labels = { job, instance: ENGINE.instance };
  return {
    id: 'up',
    expr: `up{job="${job}"}`,
    format: 'plain',
    range: RATIO,
    exact: true,
    testLabels: labels,
    series: (p) => [{ series: seriesName('up', labels), values: gaugeValues(p) }],
    valueOf: (v) => v,
  };
}

/** 1 when Prometheus has no engine target at all (removed from the config, or discovery lost it). */
export function targetAbsent(job: string): Signal {
  return {
    id: 'up-absent',
    expr: `absent(up{job="${job}"})`,
    format: 'plain',
    range: RATIO,
    exact: true,
    testLabels: { job },
    series: (p) => [
      { series: seriesName('up', { job, instance: ENGINE.instance }), values: presenceValues(p) },
    ],
    valueOf: (v) => v,
  };
}

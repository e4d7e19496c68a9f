/**
 * What an alert rule measures: its PromQL, how its description prints the value, and, for the generated
 * promtool tests, the input series that make the expression evaluate to a chosen value.
 * One constructor per kind of source behind one interface; host-signals.ts and latency-signal.ts hold
 * the node-exporter, DCGM and histogram ones.
 */

import { parseDuration } from '../../config/index.js';
import type { ValueFormat } from './go-format.js';
import { RATE_WINDOW, recordNames } from './recording-rules.js';
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

/** The engine target's labels, as the test series carry them. */
export const ENGINE = TARGETS.engine;
/** The range of a 0-1 ratio. */
export const RATIO = [0, 1] as const;
/** The range of a non-negative quantity without an upper bound. */
export const UNBOUNDED = [0, Number.POSITIVE_INFINITY] as const;

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
export function driftDistance(metric: string, methods: readonly string[], detected: string): Signal {
  const labels = { ...ENGINE, feature: 'close' };
  const method = methods[0] ?? 'psi';
  return {
    id: `${metric}:distance`,
    // Only features the engine calls drifted: a raw distance over a small window exceeds 0.1 by chance
    // (README "Drift calibrated to the sample size"), so the engine's calibrated verdict gates the level.
    expr:
      `(max by (job, instance, feature) (${metric}{method=~"${methods.join('|')}"})` +
      ` and on (job, instance, feature) (${detected} == 1))`,
    format: 'plain',
    range: UNBOUNDED,
    exact: true,
    testLabels: labels,
    series: (p) => [
      { series: seriesName(metric, { ...labels, method }), values: gaugeValues(p) },
      // the engine's verdict on the feature: drifted throughout, so the distance's level alone decides
      { series: seriesName(detected, labels), values: `1+0x${p.steps}` },
    ],
    valueOf: (v) => v,
  };
}

/** Predictions per second of the engine job; 0 (not "no data") while the engine is up but idle. */
export function throughput(prefix: string, job: string, window: string = RATE_WINDOW): Signal {
  const counter = `${prefix}_predictions_total`;
  const labels = { ...ENGINE, model: 'default', asset_class: 'equity' };
  // A counter that was never incremented has no series, so rate() alone says nothing about an idle
  // service; `or` supplies 0 for every engine job that is up.
  const idle = `0 * max by (job) (up{job="${job}"} == 1)`;
  // rate(...[5m]) under-reads a counter younger than 5 m (nothing to extrapolate from), so a just-started
  // engine would read as a throughput collapse: judge only once the engine has been up for the window.
  const settled = `on (job) (time() - max by (job) (process_start_time_seconds{job="${job}"}) > ${parseDuration(window)})`;
  return {
    id: 'throughput',
    expr: `((${recordNames(prefix, window).throughput()} or ${idle}) and ${settled})`,
    format: 'rate',
    range: UNBOUNDED,
    exact: false,
    testLabels: { job: ENGINE.job },
    series: (p) => [
      { series: seriesName(counter, labels), values: counterValues(p, (v) => v) },
      // an engine started at the epoch: always past the 5 m settling time
      { series: seriesName('process_start_time_seconds', ENGINE), values: `0+0x${p.steps - 1}` },
    ],
    valueOf: (v) => v,
  };
}

/** Failed predictions / all predictions over the window, from the two counters. */
export function errorRatio(prefix: string, window: string = RATE_WINDOW): Signal {
  const all = 20; // predictions per second in the test
  return {
    id: 'error-ratio',
    expr: recordNames(prefix, window).errorRatio(),
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
    // Only once Prometheus has scraped anything at all: before its first scrape every `up` is absent, and
    // a freshly started Prometheus would page "no engine target" for nothing. Prometheus scrapes itself
    // (prometheus.yml's `prometheus` job), so a config that lost the engine still fires.
    // Parenthesised: `==` binds tighter than `and`, so the rule's `== 1` would otherwise compare count(up)
    // with 1 and the alert could fire only while exactly one target exists.
    expr: `(absent(up{job="${job}"}) and on () count(up) > 0)`,
    format: 'plain',
    range: RATIO,
    exact: true,
    testLabels: { job },
    series: (p) => [
      { series: seriesName('up', { job, instance: ENGINE.instance }), values: presenceValues(p) },
      // Prometheus' own target and node-exporter, scraped throughout: the guard above holds, and with two
      // other targets a rule comparing count(up) instead of absent() would be caught
      {
        series: seriesName('up', { job: 'prometheus', instance: 'localhost:9090' }),
        values: `1+0x${p.steps}`,
      },
      { series: seriesName('up', TARGETS.node), values: `1+0x${p.steps}` },
    ],
    valueOf: (v) => v,
  };
}

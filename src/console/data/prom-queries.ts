/** The PromQL behind every panel: stats from instant queries, charts from range queries (one point a column). */

import { parseDuration } from '../../config/index.js';
import type {
  PromAlert,
  PrometheusClient,
  PromSample,
  PromSeries,
  SourceFail,
  SourceResult,
} from '../../sources/index.js';
import { NODE_QUERIES, rangeStep, unanswered } from '../../sources/index.js';
import type { ConsoleMetricNames } from './metric-names.js';

/** What the Prometheus poller delivers: each query's result by key, and the rule alerts. */
export interface PromPanelData {
  instant: Record<string, PromSample[]>;
  range: Record<string, PromSeries[]>;
  alerts: PromAlert[];
  /** The alerts' rate window, seconds (config alerting.rate_window). */
  rateWindowSeconds: number;
  /** The range queried, epoch seconds, and its step. */
  start: number;
  end: number;
  step: number;
}

// DESIGN.md: latency is histogram_quantile over the bucket rates, never rate(duration) > 1.
const quantile = (q: number, m: ConsoleMetricNames, w: string) =>
  `histogram_quantile(${q}, sum by (le) (rate(${m.predictionDuration}_bucket[${w}])))`;
const errorRatio = (m: ConsoleMetricNames, w: string) =>
  `sum(rate(${m.predictionErrors}[${w}])) / sum(rate(${m.predictions}[${w}]))`;

/**
 * The series an alert judges, where the shipped recording rules exist (`job:<name>:<stat>_rate5m`, the
 * worst job), else the same figure computed here (a Prometheus without our rules). The panel then reads
 * the very number its alert reads: same query, same 5m window.
 */
const asAlert = (record: string, fallback: string) => `max(${record}) or ${fallback}`;

/** Each resource alert's `for`, seconds: the engine's gauges are judged over it, as their alerts are. */
export type HoldSeconds = Readonly<Record<'cpu' | 'memory' | 'disk' | 'gpu', number>>;

/** The resource levels' `for` from the level book (structurally: the console may only import monitor's types). */
export function holdSecondsOf(
  levels: Readonly<Record<keyof HoldSeconds, { forSeconds: number }>>,
): HoldSeconds {
  return {
    cpu: levels.cpu.forSeconds,
    memory: levels.memory.forSeconds,
    disk: levels.disk.forSeconds,
    gpu: levels.gpu.forSeconds,
  };
}

/**
 * A resource gauge as its alert judges it: the mildest value of the last `for` (every resource level is
 * "bad above", so the rule's condition held the whole `for` exactly when the minimum crosses it), and
 * nothing while the series is younger than `for` (no sample `for` ago): warming up, as the alert is pending.
 * One busy start-up second must not read CRIT on a panel whose alert is only pending (data/host-sustained.ts
 * does the same for this host's own probe).
 */
const held = (gauge: string, seconds: number) =>
  `max by (instance) (min_over_time(${gauge}[${seconds}s])) and on (instance) max by (instance) (${gauge} offset ${seconds}s)`;

/** Instant queries (window `w`, e.g. 5m) and the range window of the top error types. */
export function instantQueries(
  m: ConsoleMetricNames,
  w: string,
  range: string,
  hold?: HoldSeconds,
): Record<string, string> {
  return {
    qualityScore: `avg(${m.qualityScore})`,
    missing: `avg(${m.missingRatio})`,
    duplicates: `avg(${m.duplicateRatio})`,
    outliers: `avg(${m.outlierRatio})`,
    driftScore: `max by (feature, method) (${m.featureDriftScore})`,
    driftDetected: `max by (feature) (${m.featureDriftDetected})`,
    driftShare: `max(${m.datasetDriftShare})`,
    // the PredictionDrift alert's own series (one per engine; the worst of them)
    predictionDrift: `max(${m.predictionDriftScore})`,
    predictionDriftParts: `max by (part) (${m.predictionDriftPart})`,
    accuracy: `avg(${m.modelAccuracy})`,
    // the worst model: LowModelAccuracy fires per model, so the panel judges the lowest and names it. The
    // market-master guide's own instrumentation labels it `model_name`, ours `model`: either names it.
    accuracyWorst: `bottomk(1, min by (model, model_name) (${m.modelAccuracy}))`,
    precision: `avg(${m.modelPrecision})`,
    recall: `avg(${m.modelRecall})`,
    f1: `avg(${m.modelF1})`,
    degradation: `max(${m.modelDegradation})`,
    p50: asAlert(`job:${m.predictionDuration}:p50_rate${w}`, quantile(0.5, m, w)),
    p95: asAlert(`job:${m.predictionDuration}:p95_rate${w}`, quantile(0.95, m, w)),
    p99: asAlert(`job:${m.predictionDuration}:p99_rate${w}`, quantile(0.99, m, w)),
    throughput: `sum(rate(${m.predictions}[${w}]))`,
    // the fullest queue: HighQueueUtilization fires per instance on this gauge
    queue: `max(${m.queueUtilization})`,
    // How old the counting processes are: rate() over a window longer than a counter's life reads low,
    // so a younger counter is "warming up", not low throughput (as the LowThroughput rule's own guard).
    throughputAge: `time() - max(process_start_time_seconds and on (instance, job) ${m.predictions})`,
    errorRatio: asAlert(`job:${m.predictionErrors.replace(/_total$/, '')}:ratio_rate${w}`, errorRatio(m, w)),
    errorTypes: `topk(5, sum by (error_type) (increase(${m.predictionErrors}[${range}])))`,
    cpu: `max by (instance) (${m.cpuUtilization})`,
    memory: `max by (instance) (${m.memoryUtilization})`,
    disk: `max by (instance) (${m.diskUtilization})`,
    gpu: `max by (instance) (${m.gpuUtilization})`,
    ...(hold
      ? {
          cpuHeld: held(m.cpuUtilization, hold.cpu),
          memoryHeld: held(m.memoryUtilization, hold.memory),
          diskHeld: held(m.diskUtilization, hold.disk),
          gpuHeld: held(m.gpuUtilization, hold.gpu),
        }
      : {}),
    // node-exporter, when Prometheus scrapes it: the fleet's utilisation by instance (as diag resources --fleet)
    nodeCpu: NODE_QUERIES.cpu,
    nodeMemory: NODE_QUERIES.memory,
    nodeDisk: NODE_QUERIES.disk,
  };
}

/**
 * Range queries; `w` is the rate window: the alerts' 5m, or two steps when a step is longer, so every
 * point sees two scrapes. The chart's last point is then the header's figure.
 */
export function rangeQueries(m: ConsoleMetricNames, w: string): Record<string, string> {
  return {
    qualityScore: `avg(${m.qualityScore})`,
    accuracy: `avg(${m.modelAccuracy})`,
    // the worst model: LowModelAccuracy fires per model, so the panel judges the lowest and names it. The
    // market-master guide's own instrumentation labels it `model_name`, ours `model`: either names it.
    accuracyWorst: `bottomk(1, min by (model, model_name) (${m.modelAccuracy}))`,
    p50: quantile(0.5, m, w),
    p95: quantile(0.95, m, w),
    p99: quantile(0.99, m, w),
    throughput: `sum(rate(${m.predictions}[${w}]))`,
    errorRatio: errorRatio(m, w),
    cpu: `max(${m.cpuUtilization})`,
  };
}

/** The range and width the next fetch uses (the console changes them with `t` and on resize). */
export interface PromWindow {
  rangeSeconds: number;
  chartWidth: number;
  /** The alerts' rate window (config alerting.rate_window, the recording rules' `rate5m`); 5m by default. */
  rateWindow?: string;
  /** The resource alerts' `for`: the engine's resource gauges are then judged over it (instantQueries). */
  holdSeconds?: HoldSeconds;
}

/** The last range results: reused until a new point is due (one step later) or the window changes. */
export interface RangeCache {
  key: string;
  at: number;
  range: Record<string, PromSeries[]>;
  start: number;
  end: number;
  step: number;
}

/** What a poller keeps between fetches: the range results, and whether combined queries work here. */
export interface PromFetchCache {
  last: RangeCache | null;
  /**
   * Until when (epoch ms) to ask one request per query, for the instant and for the range queries apart
   * (one may be refused while the other works: the instant one is the longer URL): set when the backend
   * rejected a combined query, answered it untagged or unreadably. It is tried again after
   * COMBINE_RETRY_MS: 33 requests a refresh instead of 2 must not outlive a passing rejection (a duplicate
   * label set during a relabelling, say).
   */
  singleUntil?: Partial<Record<'instant' | 'range', number>>;
}

/** How long one request per query is kept before the combined query is tried again. */
export const COMBINE_RETRY_MS = 10 * 60_000;

/** The label a combined query tags each part's results with (then removed). */
export const QUERY_TAG = 'mmops_query';

/**
 * Many queries as one: each part's result tagged with its key by label_replace, the parts joined with
 * `or` (whose operands never clash: their tags differ). One HTTP request a refresh instead of one a query
 * (25 instant queries, 8 range queries); plain PromQL, so Thanos, Mimir and VictoriaMetrics answer it too.
 */
export function combineQueries(queries: Record<string, string>): string {
  return Object.entries(queries)
    .map(([key, q]) => `label_replace(${q}, "${QUERY_TAG}", "${key}", "", "")`)
    .join(' or ');
}

/** Splits a combined result by tag (the tag removed); null when an element lacks the tag. */
export function splitCombined<T extends { labels: Record<string, string> }>(
  keys: readonly string[],
  items: readonly T[],
): Record<string, T[]> | null {
  const out: Record<string, T[]> = Object.fromEntries(keys.map((k) => [k, []]));
  for (const item of items) {
    const { [QUERY_TAG]: key, ...labels } = item.labels;
    if (key === undefined || !out[key]) return null;
    out[key].push({ ...item, labels });
  }
  return out;
}

type Result<T> = SourceResult<Record<string, T[]>>;

/**
 * The source itself fails, whichever way it is asked: down, no answer, a 5xx (503 while it replays its
 * WAL), 408 or 429 (a query frontend that times out or throttles: more requests would make it worse). Any
 * other 4xx (400 bad_data, 422 execution, 414 URI too long) and an unreadable answer (over
 * sources.max_response_bytes, say) are a verdict on the query.
 */
const sourceFails = (r: SourceFail) =>
  unanswered(r) || (r.kind === 'http' && ((r.status ?? 0) >= 500 || r.status === 408 || r.status === 429));

/**
 * Runs `queries` as one combined request, or one request each (for a while after combining failed). Fails
 * when the source fails, or when every query does: never read as healthy with nothing in it.
 */
async function runAll<T extends { labels: Record<string, string> }>(
  kind: 'instant' | 'range',
  queries: Record<string, string>,
  run: (q: string) => Promise<SourceResult<T[]>>,
  cache: PromFetchCache,
  nowMs: number,
): Promise<Result<T>> {
  const keys = Object.keys(queries);
  if (keys.length === 0) return { ok: true, data: {}, fetchedAt: Date.now() };
  const until = cache.singleUntil?.[kind];
  if (until === undefined || nowMs >= until) {
    const r = await run(combineQueries(queries));
    // Falling back on a failing source once kept a console at 33 requests a refresh for good.
    if (!r.ok && sourceFails(r)) return r;
    const split = r.ok ? splitCombined(keys, r.data) : null;
    if (r.ok && split) {
      if (cache.singleUntil) delete cache.singleUntil[kind];
      return { ok: true, data: split, fetchedAt: r.fetchedAt };
    }
    // refused, untagged (no label_replace or `or`), too big: one query at a time for a while
    cache.singleUntil = { ...cache.singleUntil, [kind]: nowMs + COMBINE_RETRY_MS };
  }
  const results = await Promise.all(keys.map((k) => run(queries[k]!)));
  const down = results.find((r) => !r.ok && sourceFails(r));
  if (down) return down as SourceFail;
  // Every query failed (a stand-in, a proxy's error page, an auth proxy's 401, a truncated body): the
  // source is broken, not merely missing some series.
  const failed = results.filter((r): r is SourceFail => !r.ok);
  if (failed.length === results.length) return failed[0]!;
  const data: Record<string, T[]> = {};
  // a query Prometheus rejects just leaves its key out
  keys.forEach((k, i) => {
    const r = results[i];
    if (r?.ok) data[k] = r.data;
  });
  return { ok: true, data, fetchedAt: Date.now() };
}

/**
 * Runs every panel query: the alerts, the instant queries and (when a new point is due) the range queries,
 * the three requests at once. The result fails when the source does (sourceFails) or refuses every query;
 * a query Prometheus rejects just leaves its key out.
 */
export async function fetchPromPanels(
  client: PrometheusClient,
  names: ConsoleMetricNames,
  win: PromWindow,
  nowMs: number,
  cache: PromFetchCache = { last: null },
): Promise<SourceResult<PromPanelData>> {
  let end = Math.floor(nowMs / 1000);
  let start = end - win.rangeSeconds;
  let step = rangeStep(start, end, win.chartWidth);
  const alertWindow = win.rateWindow ?? '5m';
  const rateWindowSeconds = parseDuration(alertWindow);
  const rateWindow = `${Math.max(rateWindowSeconds, 2 * step)}s`;
  // A chart gains a point once per step: between two points the range queries would return the same data.
  const key = `${win.rangeSeconds}/${win.chartWidth}`;
  const hit =
    cache.last && cache.last.key === key && nowMs - cache.last.at < cache.last.step * 1000
      ? cache.last
      : null;
  if (hit) ({ start, end, step } = hit);
  // The figures are read now, never at the cached range's end: that end is up to a step old (24 min on
  // the longest range), and a figure that old could read OK while its alert, fetched now, fires. Now to
  // the millisecond, not the second: read at the whole second, a recording rule's first sample (stamped
  // 0.8 s into that second, say) is not there yet, and the panel fell back to the engine's own p95 while
  // Prometheus already had the alert's (the real-stack test caught it: 59 ms against a recorded 49.7).
  const t = nowMs / 1000;
  const [alerts, instant, range] = await Promise.all([
    client.alerts(),
    runAll(
      'instant',
      instantQueries(names, alertWindow, `${win.rangeSeconds}s`, win.holdSeconds),
      (q) => client.instant(q, t),
      cache,
      nowMs,
    ),
    hit
      ? null
      : runAll(
          'range',
          rangeQueries(names, rateWindow),
          (q) => client.range(q, start, end, step),
          cache,
          nowMs,
        ),
  ]);
  // runAll fails only for a failing source or when every query failed; a backend without rules may answer
  // the alerts with a 4xx (they are then just absent), but an unreadable answer there is a broken source
  if (!instant.ok) return instant;
  if (range && !range.ok) return range;
  if (!alerts.ok && (sourceFails(alerts) || alerts.kind === 'bad-response')) return alerts;
  const data: PromPanelData = {
    instant: instant.ok ? instant.data : {},
    range: hit ? hit.range : range?.ok ? range.data : {},
    alerts: alerts.ok ? alerts.data : [],
    rateWindowSeconds,
    start,
    end,
    step,
  };
  if (!hit) cache.last = { key, at: nowMs, range: data.range, start, end, step };
  return { ok: true, data, fetchedAt: nowMs };
}

/** Prometheus HTTP API client: instant and range queries, and the alerts of its rules (/api/v1/alerts). */
import { isObject, joinUrl, labelsOf, maxOf, requestJson, type SourceResult } from './result.js';

/** One instant-vector element (or a scalar, with no labels). Times are epoch seconds. */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
  ts: number;
}

/** One range-vector series: [epoch seconds, value] points, oldest first. */
export interface PromSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** One alert of a Prometheus alerting rule. */
export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  /** Epoch ms; null when Prometheus gave none. */
  activeAt: number | null;
  value: number | null;
}

/** The most points one range query may return (Prometheus rejects more than 11,000 per series). */
export const MAX_POINTS = 11_000;

/** The step (seconds) for a chart `width` columns wide over [start, end] (epoch seconds): one point a column. */
export function rangeStep(start: number, end: number, width: number): number {
  const span = Math.max(0, end - start);
  const perColumn = span / Math.max(1, Math.floor(width));
  // points = span / step + 1 <= MAX_POINTS
  const floor = span / (MAX_POINTS - 1);
  return Math.max(1, Math.ceil(Math.max(perColumn, floor)));
}

/** The Prometheus client. */
export interface PrometheusClient {
  readonly url: string;
  instant(query: string, time?: number): Promise<SourceResult<PromSample[]>>;
  range(query: string, start: number, end: number, step: number): Promise<SourceResult<PromSeries[]>>;
  alerts(): Promise<SourceResult<PromAlert[]>>;
}

/** Creates a client for `url` (Prometheus, Thanos, Mimir or VictoriaMetrics). */
export function createPrometheusClient(opts: {
  url: string;
  timeoutMs: number;
  maxBytes?: number;
}): PrometheusClient {
  // The console asks the same few queries every refresh (its combined query is ~5 KB of PromQL): each one's
  // form encoding is kept, not redone a request (it was 2.5 % of the console's allocation).
  const encoded = new Map<string, string>();
  const encode = (query: string) => {
    let q = encoded.get(query);
    if (q === undefined) {
      if (encoded.size >= 64) encoded.clear();
      q = new URLSearchParams({ query }).toString();
      encoded.set(query, q);
    }
    return q;
  };
  const get = <T>(
    path: string,
    { query, ...params }: { query?: string } & Record<string, string>,
    parse: (d: unknown) => T | null,
  ) => {
    const rest = new URLSearchParams(params).toString();
    const search = [query === undefined ? '' : encode(query), rest].filter(Boolean).join('&');
    return requestJson(
      `${joinUrl(opts.url, path)}${search ? `?${search}` : ''}`,
      { timeoutMs: opts.timeoutMs, ...maxOf(opts) },
      (b) => (isObject(b) && b.status === 'success' ? parse(b.data) : null),
    );
  };
  return {
    url: opts.url,
    instant: (query, time) =>
      get('/api/v1/query', time === undefined ? { query } : { query, time: String(time) }, parseVector),
    range: (query, start, end, step) => {
      const points = (end - start) / step + 1;
      if (points > MAX_POINTS) step = rangeStep(start, end, MAX_POINTS);
      const params = { query, start: String(start), end: String(end), step: String(step) };
      return get('/api/v1/query_range', params, parseMatrix);
    },
    alerts: () => get('/api/v1/alerts', {}, parseAlerts),
  };
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const n = Number(v); // Prometheus writes "NaN", "+Inf", "-Inf" as strings
  return v === 'NaN' || !Number.isNaN(n) ? n : null;
}

function point(v: unknown): [number, number] | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const ts = num(v[0]);
  const value = num(v[1]);
  return ts === null || value === null ? null : [ts, value];
}

/** Parses a query result `data`: a vector, or a scalar as one unlabelled sample. */
export function parseVector(data: unknown): PromSample[] | null {
  if (!isObject(data)) return null;
  if (data.resultType === 'scalar') {
    const p = point(data.result);
    return p ? [{ labels: {}, ts: p[0], value: p[1] }] : null;
  }
  if (data.resultType !== 'vector' || !Array.isArray(data.result)) return null;
  const out: PromSample[] = [];
  for (const r of data.result) {
    const p = isObject(r) ? point(r.value) : null;
    if (!p || !isObject(r)) return null;
    out.push({ labels: labelsOf(r.metric), ts: p[0], value: p[1] });
  }
  return out;
}

/** Parses a range query result `data` (a matrix). */
export function parseMatrix(data: unknown): PromSeries[] | null {
  if (!isObject(data) || data.resultType !== 'matrix' || !Array.isArray(data.result)) return null;
  const out: PromSeries[] = [];
  for (const r of data.result) {
    if (!isObject(r) || !Array.isArray(r.values)) return null;
    const points = r.values.map(point);
    if (points.some((p) => p === null)) return null;
    out.push({ labels: labelsOf(r.metric), points: points as Array<[number, number]> });
  }
  return out;
}

function parseAlerts(data: unknown): PromAlert[] | null {
  if (!isObject(data) || !Array.isArray(data.alerts)) return null;
  return data.alerts.filter(isObject).map((a) => {
    const at = typeof a.activeAt === 'string' ? Date.parse(a.activeAt) : Number.NaN;
    return {
      labels: labelsOf(a.labels),
      annotations: labelsOf(a.annotations),
      state: a.state === 'pending' ? 'pending' : 'firing',
      activeAt: Number.isNaN(at) ? null : at,
      value: num(a.value),
    };
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import {
  COMBINE_RETRY_MS,
  combineQueries,
  fetchPromPanels,
  instantQueries,
  type PromFetchCache,
  QUERY_TAG,
  splitCombined,
} from '../../src/console/data/prom-queries.js';
import { createPrometheusClient } from '../../src/sources/index.js';
import { closedUrl, prometheusHandler, serve, type TestServer } from '../sources/fixture-servers.js';

/**
 * The fixture Prometheus, taught the one PromQL form combined queries use: `label_replace(Q, tag, key, "",
 * "") or ...`. Each part is answered from the fixtures and tagged, as Prometheus does.
 */
function combiningHandler(): Parameters<typeof serve>[0] {
  const plain = prometheusHandler();
  const part = new RegExp(`label_replace\\((.*?), "${QUERY_TAG}", "(\\w+)", "", ""\\)(?: or |$)`, 'g');
  return (req, url, body) => {
    const q = url.searchParams.get('query') ?? '';
    if (!q.startsWith('label_replace(')) return plain(req, url, body);
    const result: Array<{ metric: Record<string, string> }> = [];
    for (const [, inner, key] of q.matchAll(part)) {
      const u = new URL(url);
      u.searchParams.set('query', inner!);
      const r = plain(req, u, body);
      if (r === 'hang' || r.status !== 200) return r;
      const parts = (r.body as { data: { result: Array<{ metric: Record<string, string> }> } }).data.result;
      for (const x of parts) result.push({ ...x, metric: { ...x.metric, [QUERY_TAG]: key! } });
    }
    const resultType = url.pathname.endsWith('query_range') ? 'matrix' : 'vector';
    return { status: 200, body: { status: 'success', data: { resultType, result } } };
  };
}

let prom: TestServer;
let combining: TestServer;
beforeAll(async () => {
  prom = await serve(prometheusHandler());
  combining = await serve(combiningHandler());
});
afterAll(() => Promise.all([prom.close(), combining.close()]));

const names = consoleMetricNames('market_master');
const win = { rangeSeconds: 900, chartWidth: 60 };

describe('fetchPromPanels', () => {
  it('runs the instant and range queries, one point a chart column', async () => {
    const r = await fetchPromPanels(
      createPrometheusClient({ url: prom.url, timeoutMs: 15_000 }),
      names,
      win,
      1_000_000_000,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.step).toBe(15);
    expect(r.data.instant.p95?.[0]?.value).toBe(0.12);
    expect(r.data.range.p95?.[0]?.points.length).toBe(61);
    expect(r.data.alerts).toHaveLength(2);
    const ranges = prom.requests.filter((q) => q.path === '/api/v1/query_range');
    expect(ranges.every((q) => q.query.includes('step=15'))).toBe(true);
    // the latency quantiles are histogram_quantile over bucket rates (DESIGN.md), never rate(duration),
    // over the alerts' 5m window so the chart's last point is the header's (and the alert's) figure
    expect(ranges.map((q) => new URLSearchParams(q.query).get('query'))).toContain(
      'histogram_quantile(0.5, sum by (le) (rate(market_master_prediction_duration_seconds_bucket[300s])))',
    );
  });

  it('asks every instant query in one request, and every range query in one, then splits by tag', async () => {
    const n = combining.requests.length;
    const r = await fetchPromPanels(
      createPrometheusClient({ url: combining.url, timeoutMs: 15_000 }),
      names,
      win,
      1_000_000_000,
    );
    const sent = combining.requests.slice(n).map((q) => q.path);
    expect(sent.sort()).toEqual(['/api/v1/alerts', '/api/v1/query', '/api/v1/query_range']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.instant.p95).toEqual([{ labels: {}, value: 0.12, ts: 1_000_000 }]);
    expect(r.data.instant.driftScore?.map((x) => x.labels)).toEqual([
      { feature: 'close', method: 'ks' },
      { feature: 'volume', method: 'wasserstein' },
    ]);
    expect(r.data.instant.gpu).toEqual([]);
    expect(r.data.range.p95?.[0]?.points.length).toBe(61);
    expect(r.data.range.p95?.[0]?.labels).toEqual({});
  });

  it('falls back to one request a query when the backend does not tag, and tries combining again later', async () => {
    const cache: PromFetchCache = { last: null };
    const client = createPrometheusClient({ url: prom.url, timeoutMs: 15_000 });
    const t0 = 1_000_000_000;
    const r = await fetchPromPanels(client, names, win, t0, cache);
    expect(cache.singleUntil).toEqual({ instant: t0 + COMBINE_RETRY_MS, range: t0 + COMBINE_RETRY_MS });
    expect(r.ok && r.data.instant.p95?.[0]?.value).toBe(0.12);
    const combinedSince = (n: number) =>
      prom.requests.slice(n).filter((q) => q.query.includes('label_replace')).length;
    let n = prom.requests.length;
    await fetchPromPanels(client, names, win, t0 + 2000, cache);
    expect(combinedSince(n)).toBe(0);
    n = prom.requests.length;
    await fetchPromPanels(client, names, win, t0 + COMBINE_RETRY_MS, cache);
    expect(combinedSince(n)).toBeGreaterThan(0);
  });

  it('reads a 503 (Prometheus replaying its WAL) as the source failing, and does not give up combining', async () => {
    // the first two requests are refused with 503, as Prometheus answers every query until it is ready
    let refused = 0;
    const plain = combiningHandler();
    const starting = await serve((req, url, body) =>
      url.pathname.startsWith('/api/v1/query') && refused++ < 2
        ? { status: 503, body: 'Service Unavailable' }
        : plain(req, url, body),
    );
    try {
      const cache: PromFetchCache = { last: null };
      const client = createPrometheusClient({ url: starting.url, timeoutMs: 15_000 });
      const r = await fetchPromPanels(client, names, win, 1_000_000_000, cache);
      expect(r).toMatchObject({ ok: false, kind: 'http', status: 503 });
      expect(cache.singleUntil).toBeUndefined();
      const n = starting.requests.length;
      const again = await fetchPromPanels(client, names, win, 1_000_002_000, cache);
      expect(again.ok && again.data.instant.p95).toEqual([{ labels: {}, value: 0.12, ts: 1_000_002 }]);
      // still combined: one request for all the instant queries, one for all the range queries
      expect(
        starting.requests
          .slice(n)
          .map((q) => q.path)
          .sort(),
      ).toEqual(['/api/v1/alerts', '/api/v1/query', '/api/v1/query_range']);
    } finally {
      await starting.close();
    }
  });

  it('asks one query at a time when Prometheus rejects the combined one (422), and leaves out what it rejects', async () => {
    const plain = prometheusHandler();
    const strict = await serve((req, url, body) => {
      const q = url.searchParams.get('query') ?? '';
      if (q.startsWith('label_replace('))
        return { status: 422, body: { status: 'error', errorType: 'execution', error: 'duplicate' } };
      if (q.includes('bottomk')) return { status: 400, body: { status: 'error', errorType: 'bad_data' } };
      return plain(req, url, body);
    });
    try {
      const cache: PromFetchCache = { last: null };
      const client = createPrometheusClient({ url: strict.url, timeoutMs: 15_000 });
      const r = await fetchPromPanels(client, names, win, 1_000_000_000, cache);
      expect(cache.singleUntil?.instant).toBe(1_000_000_000 + COMBINE_RETRY_MS);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.data.instant.p95?.[0]?.value).toBe(0.12);
      expect(r.data.instant.accuracyWorst).toBeUndefined();
    } finally {
      await strict.close();
    }
  });

  it('a Prometheus that refuses everything (an auth proxy: 401) or throttles (429) fails; it is not read as empty', async () => {
    for (const status of [401, 429]) {
      const refusing = await serve(() => ({ status, body: { status: 'error', error: 'no' } }));
      try {
        const cache: PromFetchCache = { last: null };
        const client = createPrometheusClient({ url: refusing.url, timeoutMs: 15_000 });
        const r = await fetchPromPanels(client, names, win, 1_000_000_000, cache);
        expect(r, String(status)).toMatchObject({ ok: false, kind: 'http', status });
        // 429: asking 33 queries instead of 2 would make the throttling worse
        expect(cache.singleUntil, String(status)).toEqual(status === 429 ? undefined : expect.anything());
      } finally {
        await refusing.close();
      }
    }
  });

  it('keeps the instant and the range queries apart: one refused (414, the longer URL) leaves the other combined', async () => {
    const plain = combiningHandler();
    const short = await serve((req, url, body) =>
      url.pathname === '/api/v1/query' && (url.searchParams.get('query') ?? '').startsWith('label_replace(')
        ? { status: 414, body: 'URI Too Long' }
        : plain(req, url, body),
    );
    try {
      const cache: PromFetchCache = { last: null };
      const client = createPrometheusClient({ url: short.url, timeoutMs: 15_000 });
      const t0 = 1_000_000_000;
      const r = await fetchPromPanels(client, names, win, t0, cache);
      expect(r.ok && r.data.instant.p95?.[0]?.value).toBe(0.12);
      expect(r.ok && r.data.range.p95?.[0]?.points.length).toBe(61);
      expect(cache.singleUntil).toEqual({ instant: t0 + COMBINE_RETRY_MS });
      // the next range fetch, combined and answered, does not lift the instant queries' hold
      await fetchPromPanels(client, names, win, t0 + 16_000, cache);
      expect(cache.singleUntil).toEqual({ instant: t0 + COMBINE_RETRY_MS });
    } finally {
      await short.close();
    }
  });

  it('reuses the range results until the next point is due', async () => {
    const client = createPrometheusClient({ url: prom.url, timeoutMs: 15_000 });
    const cache: PromFetchCache = { last: null };
    const count = () => prom.requests.filter((q) => q.path === '/api/v1/query_range').length;
    const t0 = 2_000_000_000;
    await fetchPromPanels(client, names, win, t0, cache);
    const n = count();
    const before = prom.requests.length;
    await fetchPromPanels(client, names, win, t0 + 2250, cache);
    expect(count()).toBe(n);
    // the figures are read now, to the millisecond, not at the cached range's end nor at the whole second
    // (an alert fetched now must not beat them; a rule's first sample lands within the second)
    const instant = prom.requests.slice(before).find((q) => q.path === '/api/v1/query');
    expect(new URLSearchParams(instant?.query).get('time')).toBe('2000002.25');
    await fetchPromPanels(client, names, win, t0 + 15_000, cache);
    expect(count()).toBeGreaterThan(n);
  });

  it('combines queries with label_replace and or, and splits them back', () => {
    const q = combineQueries({ a: 'avg(x)', b: 'max by (f) (y)' });
    expect(q).toBe(
      `label_replace(avg(x), "${QUERY_TAG}", "a", "", "") or label_replace(max by (f) (y), "${QUERY_TAG}", "b", "", "")`,
    );
    const items: Array<{ labels: Record<string, string>; value: number }> = [
      { labels: { [QUERY_TAG]: 'b', f: '1' }, value: 2 },
      { labels: { [QUERY_TAG]: 'a' }, value: 1 },
    ];
    expect(splitCombined(['a', 'b', 'c'], items)).toEqual({
      a: [{ labels: {}, value: 1 }],
      b: [{ labels: { f: '1' }, value: 2 }],
      c: [],
    });
    expect(splitCombined(['a'], [{ labels: {}, value: 1 }])).toBeNull();
    expect(Object.keys(instantQueries(names, '5m', '900s')).length).toBeGreaterThan(20);
  });

  it('fails as a whole when Prometheus cannot be reached', async () => {
    const r = await fetchPromPanels(
      createPrometheusClient({ url: await closedUrl(), timeoutMs: 1000 }),
      names,
      win,
      Date.now(),
    );
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
  });
});

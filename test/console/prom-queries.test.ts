import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import { fetchPromPanels, type RangeCache } from '../../src/console/data/prom-queries.js';
import { createPrometheusClient } from '../../src/sources/index.js';
import { closedUrl, prometheusHandler, serve, type TestServer } from '../sources/fixture-servers.js';

let prom: TestServer;
beforeAll(async () => {
  prom = await serve(prometheusHandler());
});
afterAll(() => prom.close());

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
    // the latency quantiles are histogram_quantile over bucket rates (DESIGN.md), never rate(duration)
    expect(new URLSearchParams(ranges[2]!.query).get('query')).toBe(
      'histogram_quantile(0.5, sum by (le) (rate(market_master_prediction_duration_seconds_bucket[60s])))',
    );
  });

  it('reuses the range results until the next point is due', async () => {
    const client = createPrometheusClient({ url: prom.url, timeoutMs: 15_000 });
    const cache: { last: RangeCache | null } = { last: null };
    const count = () => prom.requests.filter((q) => q.path === '/api/v1/query_range').length;
    const t0 = 2_000_000_000;
    await fetchPromPanels(client, names, win, t0, cache);
    const n = count();
    await fetchPromPanels(client, names, win, t0 + 2000, cache);
    expect(count()).toBe(n);
    await fetchPromPanels(client, names, win, t0 + 15_000, cache);
    expect(count()).toBeGreaterThan(n);
  });

  it('fails as a whole only when Prometheus cannot be reached', async () => {
    const r = await fetchPromPanels(
      createPrometheusClient({ url: await closedUrl(), timeoutMs: 1000 }),
      names,
      win,
      Date.now(),
    );
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
  });
});

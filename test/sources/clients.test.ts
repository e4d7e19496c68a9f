import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAlertmanagerClient,
  createEngineClient,
  createPrometheusClient,
  MAX_POINTS,
  rangeStep,
} from '../../src/sources/index.js';
import {
  alertmanagerHandler,
  closedUrl,
  engineHandler,
  hangHandler,
  prometheusHandler,
  serve,
  type TestServer,
} from './fixture-servers.js';

let prom: TestServer;
let am: TestServer;
let engine: TestServer;
let hang: TestServer;
let bad: TestServer;
let closed: string;

beforeAll(async () => {
  prom = await serve(prometheusHandler());
  am = await serve(alertmanagerHandler());
  engine = await serve(engineHandler());
  hang = await serve(hangHandler);
  bad = await serve((_r, url) =>
    url.pathname === '/api/v1/report'
      ? { status: 200, body: 'not json {' }
      : { status: 500, body: { error: 'boom' } },
  );
  closed = await closedUrl();
});
afterAll(async () => {
  await Promise.all([prom, am, engine, hang, bad].map((s) => s.close()));
});

describe('Prometheus client', () => {
  it('runs an instant query and parses the vector', async () => {
    const c = createPrometheusClient({ url: prom.url, timeoutMs: 10_000 });
    const r = await c.instant('max by (feature, method) (market_master_feature_drift_score)', 1000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toEqual([
      { labels: { feature: 'close', method: 'ks' }, value: 0.031, ts: 1000 },
      { labels: { feature: 'volume', method: 'wasserstein' }, value: 0.04, ts: 1000 },
    ]);
    expect(r.fetchedAt).toBeGreaterThan(0);
  });

  it('runs a range query with the step it is given', async () => {
    const c = createPrometheusClient({ url: prom.url, timeoutMs: 10_000 });
    const r = await c.range('avg(market_master_data_quality_score)', 0, 600, 60);
    expect(r.ok && r.data[0]?.points.length).toBe(11);
    expect(prom.requests.at(-1)?.query).toContain('step=60');
  });

  it('never asks for more than 11,000 points', async () => {
    const c = createPrometheusClient({ url: prom.url, timeoutMs: 10_000 });
    const r = await c.range('avg(market_master_data_quality_score)', 0, 86_400, 1);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data[0]!.points.length).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('reads the rule alerts', async () => {
    const c = createPrometheusClient({ url: prom.url, timeoutMs: 10_000 });
    const r = await c.alerts();
    expect(r.ok && r.data.map((a) => [a.labels.alertname, a.state])).toEqual([
      ['HighPredictionLatency', 'firing'],
      ['HighErrorRatio', 'pending'],
    ]);
    expect(r.ok && r.data[0]!.activeAt).toBe(Date.parse('2025-01-01T00:00:00Z'));
  });

  it('says timeout when the server never answers', async () => {
    const c = createPrometheusClient({ url: hang.url, timeoutMs: 200 });
    const t0 = Date.now();
    const r = await c.instant('up');
    expect(r).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('says unreachable when nothing listens', async () => {
    const r = await createPrometheusClient({ url: closed, timeoutMs: 10_000 }).instant('up');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    if (!r.ok) expect(r.error).toContain('ECONNREFUSED');
  });

  it('says http with the status on a 5xx', async () => {
    const r = await createPrometheusClient({ url: bad.url, timeoutMs: 10_000 }).instant('up');
    expect(r).toMatchObject({ ok: false, kind: 'http', status: 500 });
  });
});

describe('rangeStep', () => {
  it('gives one point a column', () => {
    expect(rangeStep(0, 3600, 60)).toBe(60);
    expect(rangeStep(0, 300, 100)).toBe(3);
  });
  it('keeps to 11,000 points whatever the width', () => {
    const step = rangeStep(0, 30 * 86_400, 1_000_000);
    expect((30 * 86_400) / step + 1).toBeLessThanOrEqual(MAX_POINTS);
  });
  it('is at least one second', () => {
    expect(rangeStep(0, 10, 200)).toBe(1);
  });
});

describe('Alertmanager client', () => {
  it('lists alerts with silenced and inhibited state', async () => {
    const c = createAlertmanagerClient({ url: am.url, timeoutMs: 10_000 });
    const r = await c.alerts({ silenced: true, inhibited: false });
    expect(am.requests.at(-1)?.query).toContain('silenced=true');
    expect(am.requests.at(-1)?.query).toContain('inhibited=false');
    expect(r.ok && r.data.map((a) => [a.labels.alertname, a.state, a.silencedBy])).toEqual([
      ['HighPredictionLatency', 'active', []],
      ['HighDiskUtilization', 'suppressed', ['5e1f']],
    ]);
  });

  it('creates a silence', async () => {
    const c = createAlertmanagerClient({ url: am.url, timeoutMs: 10_000 });
    const r = await c.silence({
      matchers: [{ name: 'alertname', value: 'HighPredictionLatency', isRegex: false, isEqual: true }],
      startsAt: new Date('2025-01-01T00:00:00Z'),
      endsAt: new Date('2025-01-01T01:00:00Z'),
      createdBy: 'mmops',
      comment: 'deploying a fix',
    });
    expect(r).toMatchObject({ ok: true, data: { silenceID: 'silence-1' } });
    const sent = JSON.parse(am.requests.at(-1)!.body);
    expect(sent).toMatchObject({ startsAt: '2025-01-01T00:00:00.000Z', comment: 'deploying a fix' });
  });
});

describe('engine client', () => {
  it('reads the report, alerts and health', async () => {
    const c = createEngineClient({ url: `${engine.url}/`, timeoutMs: 10_000 });
    const [report, alerts, health] = await Promise.all([c.report(), c.alerts(), c.health()]);
    expect(report.ok && report.data.window.records).toBe(1200);
    expect(alerts.ok && alerts.data.alerts.map((a) => a.name)).toEqual([
      'DataDriftDetected',
      'HighCpuUtilization',
    ]);
    expect(health.ok && health.data.status).toBe('healthy');
  });

  it('reads an unhealthy 503 health document as data', async () => {
    const s = await serve(engineHandler({ healthStatus: 503, health: { status: 'unhealthy', checks: {} } }));
    const r = await createEngineClient({ url: s.url, timeoutMs: 10_000 }).health();
    await s.close();
    expect(r).toMatchObject({ ok: true, data: { status: 'unhealthy' } });
  });

  it('says bad-response for a body that is not JSON', async () => {
    const r = await createEngineClient({ url: bad.url, timeoutMs: 10_000 }).report();
    expect(r).toMatchObject({ ok: false, kind: 'bad-response' });
  });

  it('says timeout and unreachable', async () => {
    expect(await createEngineClient({ url: hang.url, timeoutMs: 150 }).report()).toMatchObject({
      kind: 'timeout',
    });
    expect(await createEngineClient({ url: closed, timeoutMs: 1000 }).health()).toMatchObject({
      kind: 'unreachable',
    });
  });
});

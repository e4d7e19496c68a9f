import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { records, referenceCsv, send, startTestEngine, tempDir } from '../engine/helpers/engine.js';
import { mmops } from '../helpers/run-cli.js';

// A real engine in this process, and a real HTTP server standing in for Prometheus' /-/healthy and /api/v1/query.
let engine: RunningEngine;
let prom: Server;
let promUrl = '';
let targetDown = false;
const dir = tempDir();

beforeAll(async () => {
  engine = await startTestEngine(dir.dir);
  await send(`${engine.url}/api/v1/reference`, referenceCsv(), { method: 'PUT', type: 'text/csv' });
  const batch = records(300).map((r) => ({ ...r, actual: r.prediction }));
  expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch))).status).toBe(200);
  await engine.evaluateNow();
  prom = createServer((req, res) => {
    if (req.url === '/-/healthy') return res.end('Prometheus Server is Healthy.\n');
    const vector = [
      {
        metric: { job: 'market_master', instance: 'engine:8000' },
        value: [Date.now() / 1000, targetDown ? '0' : '1'],
      },
    ];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: vector } }));
  });
  await new Promise<void>((r) => prom.listen(0, '127.0.0.1', r));
  promUrl = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await engine?.close();
  prom?.close();
  dir.remove();
});

const env = () => ({
  ENGINE_URL: engine.url,
  PROMETHEUS_URL: promUrl,
  ALERTMANAGER_URL: 'http://127.0.0.1:9', // nothing listens on the discard port
  GRAFANA_URL: 'http://127.0.0.1:9',
});
// The same, without the unreachable ones: every configured dependency is required by default.
const reachable = () => ({ ENGINE_URL: engine.url, PROMETHEUS_URL: promUrl, ALERTMANAGER_URL: promUrl });

describe('mmops diag health', () => {
  it('is healthy when the required services answer; optional ones may be down', async () => {
    targetDown = false;
    const r = await mmops(['diag', 'health', '--require', 'engine,prometheus', '--json'], env());
    const out = JSON.parse(r.stdout);
    const by = Object.fromEntries(
      out.checks.map((c: { service: string; state: string }) => [c.service, c.state]),
    );
    expect(by).toEqual({
      engine: 'healthy',
      prometheus: 'healthy',
      alertmanager: 'unreachable',
      grafana: 'unreachable',
    });
    expect(r.code).toBe(0);
  });

  it('a scrape target down is a finding (exit 1); a required service unreachable exits 3', async () => {
    targetDown = true;
    const down = await mmops(['diag', 'health'], reachable());
    expect(down.stdout).toMatch(/prometheus\s+UNHEALTHY.*down: market_master\/engine:8000/);
    expect(down.code).toBe(1);
    const unreachable = await mmops(['diag', 'health', '--require', 'engine,alertmanager'], env());
    expect(unreachable.code).toBe(3);
    const bad = await mmops(['diag', 'health', '--require', 'mlflow'], env()); // not configured
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--require mlflow');
  });
});

describe('mmops diag model', () => {
  it("judges the engine's model metrics against the threshold table", async () => {
    const r = await mmops(['diag', 'model', '--json'], env());
    const out = JSON.parse(r.stdout);
    // every actual equals its prediction: accuracy 1, nothing degraded
    expect(out.metrics.accuracy).toBe(1);
    const accuracy = out.checks.find((c: { check: string }) => c.check === 'accuracy');
    expect(accuracy.state).toBe('ok');
    expect(r.code).toBe(out.status === 'ok' ? 0 : 1);
  });

  it('exits 3 when the engine is unreachable', async () => {
    const r = await mmops(['diag', 'model'], { ...env(), ENGINE_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('engine unreachable');
  });
});

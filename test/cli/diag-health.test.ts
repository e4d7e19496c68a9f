/**
 * `mmops diag health` checks every configured dependency by default (issue 12, point 1): a real engine, a
 * real Prometheus scraping it, a real Alertmanager, and loopback HTTP servers standing in for MLflow and the
 * model service, all through the real binary. Prometheus stopped must exit 3 and name it with URL and reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { startTestEngine, tempDir } from '../engine/helpers/engine.js';
import { type RunningServer, startAlertmanager, startPrometheus } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';

let engine: RunningEngine;
let prom: RunningServer;
let am: RunningServer;
let stub: Server;
let stubUrl = '';
// What the stand-in model service says about its model: 200 loaded, 503 still loading.
let modelStatus = 200;
const dir = tempDir();

beforeAll(async () => {
  stub = createServer((req, res) => {
    if (req.url === '/mlflow/health') return res.end('OK');
    if (req.url === '/model/health') return res.end('{"status":"ok"}');
    if (req.url === '/model/ready') return res.writeHead(modelStatus).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  engine = await startTestEngine(dir.dir, {
    edit: (c) => {
      c.sources.model_service_health_url = `${stubUrl}/model/health`;
      c.sources.model_loading_url = `${stubUrl}/model/ready`;
    },
  });
  const target = new URL(engine.url).host;
  [prom, am] = await Promise.all([
    startPrometheus({
      config: `global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: market_master\n    static_configs: [{targets: ['${target}']}]\n`,
    }),
    startAlertmanager({
      config: 'route: {receiver: none}\nreceivers: [{name: none}]\n',
    }),
  ]);
  // Wait for the first scrape: until then `up` has no series and the targets count says 0/0.
  const until = Date.now() + 20_000;
  for (;;) {
    const r = await fetch(`${prom.url}/api/v1/query?query=up`).then((x) => x.json());
    if ((r as { data: { result: unknown[] } }).data.result.length > 0) break;
    if (Date.now() > until) throw new Error('Prometheus never scraped the engine');
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  await engine?.close();
  await am?.stop();
  await prom?.stop();
  stub?.close();
  dir.remove();
});

const env = (extra: Record<string, string> = {}) => ({
  ENGINE_URL: engine.url,
  PROMETHEUS_URL: prom.url,
  ALERTMANAGER_URL: am.url,
  MLFLOW_TRACKING_URI: `${stubUrl}/mlflow`,
  MODEL_SERVICE_HEALTH_URL: `${stubUrl}/model/health`,
  MODEL_LOADING_URL: `${stubUrl}/model/ready`,
  ...extra,
});

interface Row {
  service: string;
  state: string;
  required: boolean;
  url: string;
  detail: string;
}
const byService = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout).checks as Row[]).map((c) => [c.service, c]));

describe('mmops diag health: every configured dependency, by default', () => {
  it('checks and requires each configured one; Grafana, unset, is listed as not configured', async () => {
    const r = await mmops(['diag', 'health', '--json'], env());
    const rows = byService(r.stdout);
    expect(Object.keys(rows)).toEqual([
      'engine',
      'prometheus',
      'alertmanager',
      'mlflow',
      'model_service',
      'model_loading',
    ]);
    for (const row of Object.values(rows)) expect(row).toMatchObject({ state: 'healthy', required: true });
    expect(rows.prometheus!.detail).toContain('1/1 targets up');
    expect(JSON.parse(r.stdout).notConfigured).toEqual(['grafana', 'database']);
    expect(r.code).toBe(0);
  });

  it("the engine's /health reports the model service and its model loading", async () => {
    modelStatus = 503;
    const health = (await fetch(`${engine.url}/health`).then((x) => x.json())) as {
      checks: Record<string, { status: string; message: string }>;
    };
    expect(health.checks.model_service).toMatchObject({ status: 'ok' });
    expect(health.checks.model_loading).toEqual({
      status: 'warn',
      message: `${stubUrl}/model/ready: HTTP 503`,
    });
    // The model not loaded is a finding (exit 1): the service answered, badly.
    const r = await mmops(['diag', 'health'], env());
    expect(r.stdout).toMatch(/model_loading\s+UNHEALTHY\s+yes/);
    expect(r.code).toBe(1);
    modelStatus = 200;
  });

  it('a dependency not configured cannot be required or made optional (exit 2, naming its key)', async () => {
    const r = await mmops(['diag', 'health', '--require', 'grafana'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--require grafana: grafana is not configured (set sources.grafana_url (GRAFANA_URL))',
    );
    const bad = await mmops(['diag', 'health', '--optional', 'redis'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--optional redis: allowed: engine, prometheus');
  });

  it('Prometheus stopped: exit 3, naming it with its URL and the reason; --optional/--require relax it', async () => {
    await prom.stop();
    const r = await mmops(['diag', 'health'], env());
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(new RegExp(`prometheus\\s+UNREACHABLE\\s+yes\\s+-\\s+${prom.url}`));
    expect(r.stdout).toContain('overall: unreachable');
    expect(r.stderr).toContain(
      `mmops: prometheus unreachable at ${prom.url}: ${prom.url}/-/healthy: ECONNREFUSED`,
    );

    const optional = await mmops(['diag', 'health', '--optional', 'prometheus'], env());
    expect(optional.stdout).toMatch(/prometheus\s+UNREACHABLE\s+no/);
    expect(optional.code).toBe(0);
    const onlyEngine = await mmops(['diag', 'health', '--require', 'engine'], env());
    expect(onlyEngine.code).toBe(0);
  });
});

/**
 * Useful with Prometheus alone (issue 15, point 8): a model service instrumented as the market-master
 * guide shows (its metric names, its own labels model_name and data_source), scraped by a real
 * Prometheus, beside a real Alertmanager, and NO engine (ENGINE_URL=none). Every panel Prometheus can
 * answer shows live figures; the engine is "not configured" in `status`, `diag health` and the console
 * header, never UNREACHABLE; `status` exits on the configured sources.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { App } from '../../src/console/app.js';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import { statusDocSchema } from '../../src/console/index.js';
import { clientsFor, pollersFor } from '../../src/console/sources.js';
import { createConsoleStore } from '../../src/console/store.js';
import { levelBook } from '../../src/monitor/index.js';
import {
  instantQuery,
  type RunningServer,
  startAlertmanager,
  startPrometheus,
} from '../helpers/prometheus.js';
import { mmops, ROOT } from '../helpers/run-cli.js';
import {
  EXPECTED_P95,
  GUIDE_SERVICE,
  type GuideService,
  startGuideService,
} from './helpers/guide-service.js';

let service: GuideService | undefined;
let prom: RunningServer | undefined;
let am: RunningServer | undefined;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'mmops-prom-only-'));
const CONFIG = join(dir, 'config.yaml');
const status = (args: string[], e = env) => mmops(['--config', CONFIG, ...args], e);

beforeAll(async () => {
  service = await startGuideService();
  [prom, am] = await Promise.all([
    startPrometheus({
      config: [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: model-service',
        `    static_configs: [{ targets: ['${service.target}'] }]`,
      ].join('\n'),
    }),
    startAlertmanager({ config: 'route: { receiver: none }\nreceivers: [{ name: none }]\n' }),
  ]);
  // A 10 s rate window (the alerts' 5m otherwise): rate() over a window longer than the series' life in
  // this fresh Prometheus under-reads (its extrapolation stops half a scrape before the first sample), and
  // a production Prometheus has scraped the service for longer than any window.
  writeFileSync(CONFIG, 'alerting:\n  rate_window: 10s\n');
  env = { PROMETHEUS_URL: prom.url, ALERTMANAGER_URL: am.url, ENGINE_URL: 'none' };
  const deadline = Date.now() + 40_000;
  for (;;) {
    const r = (await instantQuery(
      prom.url,
      'count_over_time(market_master_predictions_total[10s])',
    )) as Array<{ value: [number, string] }>;
    if (r.length > 0 && r.every((x) => Number(x.value[1]) >= 10)) break;
    if (Date.now() > deadline) throw new Error(`Prometheus never scraped the service:\n${prom.logs()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), am?.stop(), service?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('Prometheus alone, no engine, the guide instrumentation', () => {
  it('status --json: live figures on every panel Prometheus answers, the engine not configured, exit 0', async () => {
    const r = await status(['status', '--json']);
    expect(r.stderr).toBe('');
    const doc = statusDocSchema.parse(JSON.parse(r.stdout));
    expect(doc.sources.engine).toEqual({ url: null, configured: false, ok: false, state: 'not-configured' });
    expect(doc.sources.prometheus).toMatchObject({ ok: true, state: 'ok' });
    const p = doc.panels;
    for (const panel of Object.values(p)) expect(panel.state, JSON.stringify(panel)).toBe('ok');
    expect(doc.overall).toBe('ok');
    expect(doc.exitCode).toBe(0);
    expect(r.code).toBe(0);
    expect(p.quality.stats.score).toMatchObject({ value: GUIDE_SERVICE.quality, unit: 'ratio', level: 'ok' });
    // the worst model by the guide's own label, model_name
    expect(p.performance.stats.accuracy).toMatchObject({
      value: GUIDE_SERVICE.accuracy['meanrev-v1'],
      labels: { model: 'meanrev-v1' },
      warning: 0.85,
      critical: 0.75,
      direction: 'below',
    });
    expect(p.performance.stats.avg?.value).toBeCloseTo(0.895, 6);
    expect(p.latency.stats.p95?.value).toBeCloseTo(EXPECTED_P95, 3);
    expect(p.latency.stats.p95).toMatchObject({ unit: 'seconds', level: 'ok', warning: 0.1 });
    // 20 predictions a second, read through rate(): within the jitter of 1 s scrapes on a loaded runner
    expect(p.throughput.stats.rate?.value).toBeGreaterThan(16);
    expect(p.throughput.stats.rate?.value).toBeLessThan(24);
    expect(p.errors.stats.errors?.value).toBeCloseTo(0.01, 3);
    expect(p.errors.rows).toEqual([{ errorType: 'timeout', count: expect.any(Number) }]);
    expect(p.drift.rows?.map((x) => [x.feature, x.method, x.drifted])).toEqual([
      ['close', 'ks', false],
      ['volume', 'psi', false],
    ]);
    expect(p.drift.stats.share).toMatchObject({ value: 0, level: 'ok' });
    expect(p.resources.rows).toEqual([
      {
        host: service!.target,
        cpu: { value: GUIDE_SERVICE.cpu, level: 'ok' },
        memory: { value: GUIDE_SERVICE.memory, level: 'ok' },
        disk: { value: GUIDE_SERVICE.disk, level: 'ok' },
        gpu: { value: null, level: 'unknown' },
      },
    ]);
  });

  it('status as text says "not configured"; an unreachable Prometheus still exits 3', async () => {
    const r = await status(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}engine +– not configured$/m);
    expect(r.stdout).not.toMatch(/UNREACHABLE|UNKNOWN/);
    const down = await status(['status'], { ...env, PROMETHEUS_URL: 'http://127.0.0.1:1' });
    expect(down.code).toBe(3);
  });

  it('diag health lists the engine as not configured and stays healthy', async () => {
    const r = await mmops(['diag', 'health', '--json'], env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      status: string;
      notConfigured: string[];
      checks: { service: string }[];
    };
    expect(doc.status).toBe('healthy');
    expect(doc.notConfigured).toContain('engine');
    expect(doc.checks.map((c) => c.service)).toEqual(['prometheus', 'alertmanager']);
    const text = await mmops(['diag', 'health'], env);
    expect(text.stdout).toMatch(/^not configured: engine/m);
  });

  it('the console header says "engine – not configured" while the panels show the live figures', async () => {
    const { config } = loadConfig({ env, home: '/nonexistent', configFile: CONFIG });
    expect(config.sources.engine_url).toBeNull();
    const clients = clientsFor(config);
    const window = { rangeSeconds: 300, chartWidth: 60, rateWindow: config.alerting.rate_window };
    const pollers = pollersFor(clients, config, window, 1000);
    expect(pollers.engine).toBeNull();
    const store = createConsoleStore({ pollers, levels: levelBook(config), window, intervalMs: 1000 });
    store.start();
    const app = render(<App store={store} size={{ columns: 140, rows: 45 }} color={false} />);
    try {
      let frame = '';
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        frame = app.lastFrame() ?? '';
        if (frame.includes('95.0%') && /p95 \d+ ms/.test(frame)) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(frame).toContain('engine – not configured');
      expect(frame).not.toMatch(/engine ✖|UNREACHABLE/);
      expect(frame).toMatch(/prom ✔/);
      expect(frame).toContain('95.0%'); // the quality score, from Prometheus
      expect(frame).toMatch(/p95 9\d ms/); // the guide histogram's p95, ~94 ms
      // every panel Prometheus feeds is OK; resources also holds this machine's own probe, not ours to set
      const models = store.getState().models;
      for (const k of ['quality', 'drift', 'performance', 'latency', 'throughput', 'errors'] as const)
        expect(models[k].state, k).toBe('ok');
    } finally {
      app.unmount();
      store.stop();
    }
  });

  it("a runbook's steps see no engine: ENGINE_URL=none, and a step that requires MMOPS_ENGINE_URL is SKIPPED", async () => {
    const file = join(dir, 'no-engine.md');
    writeFileSync(
      file,
      [
        '---',
        'id: no-engine',
        'title: Steps without an engine',
        'kind: daily',
        'summary: what a step sees when no engine is configured',
        '---',
        '',
        '## Engine report',
        '',
        '```sh {"requires": ["$MMOPS_ENGINE_URL"]}',
        'curl -fsS "$MMOPS_ENGINE_URL/api/v1/report"',
        '```',
        '',
        '## What a nested mmops is pointed at',
        '',
        '```sh',
        'echo "engine=$ENGINE_URL"',
        '```',
        '',
      ].join('\n'),
    );
    const r = await status(['runbook', 'run', file, '--yes', '--json'], {
      ...env,
      PATH: process.env.PATH ?? '',
    });
    const rec = JSON.parse(r.stdout) as { steps: Array<{ status: string; stdout: string }> };
    expect(
      rec.steps.map((x) => x.status),
      r.stdout,
    ).toEqual(['SKIPPED', 'PASS']);
    expect(rec.steps[1]!.stdout).toBe('engine=none\n');
  });

  it('the README documents every metric name the console reads', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Instrumenting a model service'));
    for (const name of Object.values(consoleMetricNames('market_master')))
      expect(section, name).toContain(`\`${name}\``);
  });
});

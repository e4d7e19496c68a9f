/**
 * VictoriaMetrics (Debian `victoria-metrics` 1.79, single node) in Prometheus' place: it scrapes the real
 * engine (fed by the simulator), and with PROMETHEUS_URL pointed at it the console's queries, `mmops
 * status`, runbook PromQL steps and `diag trends` work. What it answers differently, and how mmops copes:
 * - it hides samples younger than -search.latencyOffset (30 s by default) from queries, so a fresh series
 *   shows "no data" for that long (here 1 s, so the test need not wait 30 s);
 * - it has no rules of its own (vmalert evaluates them): /api/v1/alerts answers an empty list, and the
 *   console's alerts come from Alertmanager and the engine;
 * - backfill is its import API instead of promtool blocks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import {
  combineQueries,
  fetchPromPanels,
  instantQueries,
  type PromFetchCache,
  rangeQueries,
} from '../../src/console/data/prom-queries.js';
import { type RunningEngine, startEngine } from '../../src/engine/index.js';
import { loadRunbooks } from '../../src/runbook/index.js';
import { createSimulator, type Simulator } from '../../src/sim/index.js';
import { createPrometheusClient } from '../../src/sources/index.js';
import { calmSampler } from '../engine/helpers/engine.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { mmops, ROOT } from '../helpers/run-cli.js';
import { importSamples, startVictoriaMetrics } from '../helpers/victoria-metrics.js';
import { defaultConfig } from '../prometheus/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'mmops-vm-'));
let engine: RunningEngine | undefined;
let sim: Simulator | undefined;
let vm: RunningServer | undefined;
let am: RunningServer | undefined;
let env: Record<string, string>;

/** Polls `probe` until it returns a value, or fails naming `what`. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const names = consoleMetricNames('market_master');

beforeAll(async () => {
  const config = structuredClone(defaultConfig());
  config.intervals.monitoring_seconds = 1;
  engine = await startEngine({
    config,
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir, 'engine'),
    sampler: calmSampler,
    notifiers: [],
    log: () => undefined,
  });
  sim = createSimulator({ engineUrl: engine.url, rate: 50, seed: 3, logDir: join(dir, 'logs') });
  sim.start();
  vm = await startVictoriaMetrics({
    scrapeConfig: [
      'global: { scrape_interval: 1s }',
      'scrape_configs:',
      '  - job_name: market_master',
      `    static_configs: [{ targets: ['127.0.0.1:${engine.port}'] }]`,
    ].join('\n'),
    extraArgs: ['-search.latencyOffset=1s'],
  });
  // a real Alertmanager, so that `status` has every source it is configured with (none unreachable)
  am = await startAlertmanager({ config: 'route: { receiver: none }\nreceivers: [{ name: none }]\n' });
  env = { PROMETHEUS_URL: vm.url, ENGINE_URL: engine.url, ALERTMANAGER_URL: am.url };
  // every test reads scraped data: wait once until VictoriaMetrics answers a latency quantile
  const client = createPrometheusClient({ url: vm.url, timeoutMs: 5000 });
  const p95 = instantQueries(names, '1m', '60s').p95!;
  await until('a scraped p95 in VictoriaMetrics', 45_000, async () => {
    const r = await client.instant(p95);
    return r.ok && r.data.length > 0 && Number.isFinite(r.data[0]!.value) ? true : undefined;
  });
}, 90_000);

afterAll(async () => {
  await sim?.stop().catch(() => undefined);
  await vm?.stop();
  await am?.stop();
  await engine?.close(200).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('VictoriaMetrics as the Prometheus source', () => {
  it("answers the console's combined instant and range queries, tagged per panel", {
    timeout: 60_000,
  }, async () => {
    const client = createPrometheusClient({ url: vm!.url, timeoutMs: 5000 });
    const cache: PromFetchCache = { last: null };
    const data = await until('panel data from VictoriaMetrics', 45_000, async () => {
      cache.last = null; // ask the range queries again each time
      const r = await fetchPromPanels(
        client,
        names,
        { rangeSeconds: 300, chartWidth: 60 },
        Date.now(),
        cache,
      );
      if (!r.ok) throw new Error(r.error);
      // the quality gauge appears with the engine's first evaluation, after the first latencies
      const ready =
        r.data.instant.p95?.length &&
        r.data.instant.qualityScore?.length &&
        r.data.range.p95?.length &&
        r.data.range.throughput?.length;
      return ready ? r.data : undefined;
    });
    // the combined query (label_replace ... or ...) worked: no fallback to one request per query
    expect(cache.singleUntil).toBeUndefined();
    for (const key of ['qualityScore', 'p50', 'p95', 'p99', 'throughput', 'errorRatio', 'memory', 'disk']) {
      expect(data.instant[key], key).toHaveLength(1);
      expect(Number.isFinite(data.instant[key]![0]!.value), key).toBe(true);
    }
    expect(data.instant.throughput![0]!.value).toBeGreaterThan(10); // 50/s sent, after a few seconds' rate
    expect(data.instant.p95![0]!.value).toBeLessThan(0.25); // no fault: the healthy model
    expect(data.instant.memory![0]!.labels).toEqual({ instance: `127.0.0.1:${engine!.port}` });
    expect(data.alerts).toEqual([]); // no rules in VictoriaMetrics itself
  });

  it('accepts every PromQL mmops sends: the console, combined and alone, and each runbook step', async () => {
    const queries = [
      ...Object.values(instantQueries(names, '5m', '900s')),
      ...Object.values(rangeQueries(names, '60s')),
      combineQueries(instantQueries(names, '5m', '900s')),
      combineQueries(rangeQueries(names, '60s')),
    ];
    const { runbooks, errors } = loadRunbooks([join(ROOT, 'runbooks')]);
    expect(errors).toEqual([]);
    for (const rb of runbooks) {
      for (const step of rb.steps) if (step.action?.lang === 'promql') queries.push(step.action.code);
    }
    expect(queries.length).toBeGreaterThan(50);
    const client = createPrometheusClient({ url: vm!.url, timeoutMs: 5000 });
    const rejected: string[] = [];
    for (const q of queries) {
      const r = await client.instant(q);
      if (!r.ok) rejected.push(`${q}: ${r.error}`);
    }
    expect(rejected).toEqual([]);
  });

  it('mmops status reads its panels from VictoriaMetrics', { timeout: 30_000 }, async () => {
    const r = await mmops(['status'], env);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code); // never 3: every source answered
    expect(r.stdout).toMatch(new RegExp(`prometheus\\s+✔ OK\\s+${vm!.url}`));
    expect(r.stdout).toMatch(/Latency\s+✔ OK\s+p50 \d+ ms\s+p95 \d+ ms/);
    // with the engine out of reach every figure left comes from VictoriaMetrics (exit 3 names the engine)
    const alone = await mmops(['status'], { ...env, ENGINE_URL: 'http://127.0.0.1:1' });
    expect(alone.code).toBe(3);
    expect(alone.stdout).toMatch(/engine\s+✖ UNREACHABLE/);
    expect(alone.stdout).toMatch(/Latency\s+✔ OK\s+p50 \d+ ms\s+p95 \d+ ms/);
    expect(alone.stdout).toMatch(/Data quality\s+✔ OK\s+score \d+\.\d%/);
  });

  it('runs runbook PromQL steps against it', { timeout: 30_000 }, async () => {
    const file = join(dir, 'vm-steps.md');
    writeFileSync(
      file,
      [
        '---',
        'id: vm-steps',
        'title: PromQL steps on VictoriaMetrics',
        'kind: daily',
        'summary: the shipped runbooks\u2019 query shapes',
        '---',
        '',
        '## Targets up',
        '',
        '```promql {"expect": {"equals": 1, "noData": "fail"}}',
        'up{job="market_master"}',
        '```',
        '',
        '## Error ratio',
        '',
        '```promql {"expect": {"below": 0.5, "noData": "fail"}}',
        '(sum(rate(market_master_prediction_errors_total[5m])) or vector(0)) / sum(rate(market_master_predictions_total[5m]))',
        '```',
        '',
        '## Latency p95',
        '',
        '```promql {"expect": {"below": 0.25, "noData": "fail"}}',
        'histogram_quantile(0.95, sum by (le) (rate(market_master_prediction_duration_seconds_bucket[5m])))',
        '```',
        '',
      ].join('\n'),
    );
    const r = await mmops(['runbook', 'run', file, '--yes'], env);
    expect(r.stdout).toMatch(/^-- 1\. Targets up: PASS/m);
    expect(r.stdout).toMatch(/^-- 2\. Error ratio: PASS/m);
    expect(r.stdout).toMatch(/^-- 3\. Latency p95: PASS/m);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('diag trends compares two imported hours (another metric prefix, beside the live series)', {
    timeout: 40_000,
  }, async () => {
    const now = Math.floor(Date.now() / 1000);
    const lines: string[] = [];
    for (let t = now - 7200, c = 0, e = 0; t <= now; t += 60) {
      const late = t > now - 3600;
      lines.push(`hist_model_accuracy{model="m1"} ${late ? 0.7 : 0.9} ${t * 1000}`);
      lines.push(`hist_predictions_total{model="m1"} ${(c += 100)} ${t * 1000}`);
      lines.push(
        `hist_prediction_errors_total{model="m1",error_type="timeout"} ${(e += late ? 10 : 1)} ${t * 1000}`,
      );
    }
    await importSamples(vm!.url, lines, 'hist_predictions_total');
    const config = join(dir, 'hist.yaml');
    writeFileSync(config, 'metrics:\n  prefix: hist\n');
    const r = await mmops(['--config', config, 'diag', 'trends', '--window', '1h', '--json'], env);
    const by = Object.fromEntries(
      (JSON.parse(r.stdout) as { trends: { metric: string }[] }).trends.map((t) => [t.metric, t]),
    );
    expect(by.accuracy).toMatchObject({ worse: true });
    expect((by.accuracy as unknown as { current: number }).current).toBeCloseTo(0.7, 2);
    expect((by.accuracy as unknown as { previous: number }).previous).toBeCloseTo(0.9, 2);
    expect((by['error ratio'] as unknown as { current: number }).current).toBeCloseTo(0.1, 2);
    expect(by['throughput (/s)']).toMatchObject({ worse: false });
    expect(r.code).toBe(1);
  });
});

/**
 * The whole alert path with real parts: the engine (fed by the simulator) is scraped by a real Prometheus
 * running the rendered rules, which sends to a real Alertmanager, which posts to a webhook here. An injected
 * latency fault must take HighPredictionLatency pending -> firing -> delivered. The test override: the same
 * rules rendered with `for: 5s`, scrape and evaluation every 1 s, Alertmanager group timings of 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HEADER,
  RULE_FILES,
  renderAlertmanager,
  renderRuleFiles,
} from '../../src/alerting/prometheus/index.js';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import { fetchPromPanels, instantQueries } from '../../src/console/data/prom-queries.js';
import { collectStatus, type PanelState } from '../../src/console/index.js';
import { type RunningEngine, startEngine } from '../../src/engine/index.js';
import { levelBook } from '../../src/monitor/index.js';
import { createSimulator, type Simulator } from '../../src/sim/index.js';
import { createPrometheusClient } from '../../src/sources/index.js';
// A calm host: the test must not depend on how busy the machine is.
import { calmSampler as calm } from '../engine/helpers/engine.js';
import {
  freePort,
  instantQuery,
  type RunningServer,
  startAlertmanager,
  startPrometheus,
} from '../helpers/prometheus.js';
import { defaultConfig } from './paths.js';

interface Delivered {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A webhook receiver collecting Alertmanager's alerts. */
async function webhookReceiver(): Promise<{ url: string; alerts: Delivered[]; server: Server }> {
  const alerts: Delivered[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      try {
        alerts.push(...(JSON.parse(body) as { alerts: Delivered[] }).alerts);
      } catch {
        // not an Alertmanager payload
      }
      res.writeHead(200).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/hook`, alerts, server };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}
async function alerts(url: string, name: string): Promise<PromAlert[]> {
  const body = (await (await fetch(`${url}/api/v1/alerts`)).json()) as { data: { alerts: PromAlert[] } };
  return body.data.alerts.filter((a) => a.labels.alertname === name);
}

describe('real stack: engine + simulator -> Prometheus -> Alertmanager -> webhook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-real-stack-'));
  let engine: RunningEngine | undefined;
  let sim: Simulator | undefined;
  let prom: RunningServer | undefined;
  let am: RunningServer | undefined;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let config: ReturnType<typeof defaultConfig>;
  const RANK: Record<PanelState, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };
  /** `mmops status` against this stack: the same panel models as the console. */
  const status = () => {
    const c = structuredClone(config);
    c.sources = {
      ...c.sources,
      prometheus_url: prom!.url,
      alertmanager_url: am!.url,
      engine_url: engine!.url,
    };
    return collectStatus(c, levelBook(c));
  };

  beforeAll(async () => {
    config = structuredClone(defaultConfig());
    config.intervals.monitoring_seconds = 2;
    config.intervals.alert_check_seconds = 2;
    engine = await startEngine({
      config,
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir, 'engine'),
      sampler: calm,
      notifiers: [], // the engine's own notices are not under test here
      log: () => undefined,
    });
    hook = await webhookReceiver();
    const amConfig = structuredClone(config);
    amConfig.notify.webhook.url = hook.url;
    am = await startAlertmanager({
      config: renderAlertmanager(amConfig, ALERTMANAGER_HEADER, {
        groupWait: '1s',
        groupInterval: '1s',
        repeatInterval: '1m',
      }),
    });
    const rules = renderRuleFiles(config, { forOverride: '5s' });
    prom = await startPrometheus({
      files: {
        'alert_rules.yml': rules[RULE_FILES.alerts]!,
        'recording_rules.yml': rules[RULE_FILES.recording]!,
      },
      config: [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [alert_rules.yml, recording_rules.yml]',
        'alerting:',
        `  alertmanagers: [{ static_configs: [{ targets: ['127.0.0.1:${am.port}'] }] }]`,
        'scrape_configs:',
        '  - job_name: market_master',
        `    static_configs: [{ targets: ['127.0.0.1:${engine.port}'] }]`,
      ].join('\n'),
    });
    sim = createSimulator({ engineUrl: engine.url, rate: 50, seed: 7 });
    sim.start();
  }, 60_000);

  afterAll(async () => {
    await sim?.stop().catch(() => undefined);
    await prom?.stop();
    await am?.stop();
    await engine?.close(200).catch(() => undefined);
    await new Promise((r) => hook?.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the engine: healthy p95 is below the warning level, EngineDown is quiet', {
    timeout: 60_000,
  }, async () => {
    const p95 = 'job:market_master_prediction_duration_seconds:p95_rate5m{job="market_master"}';
    const value = await until('a recorded p95', 30_000, async () => {
      const r = (await instantQuery(prom!.url, p95)) as { value: [number, string] }[];
      const v = r[0] ? Number(r[0].value[1]) : Number.NaN;
      return Number.isFinite(v) ? v : undefined;
    });
    expect(value).toBeLessThan(0.1);
    expect(await instantQuery(prom!.url, 'up{job="market_master"} == 1')).toHaveLength(1);
    expect(await alerts(prom!.url, 'EngineDown')).toEqual([]);
    expect(await alerts(prom!.url, 'HighPredictionLatency')).toEqual([]);
  });

  it('every panel query is PromQL this Prometheus accepts', { timeout: 30_000 }, async () => {
    const client = createPrometheusClient({ url: prom!.url, timeoutMs: 5000 });
    const queries = instantQueries(consoleMetricNames('market_master'), '5m', '900s');
    for (const [key, q] of Object.entries(queries)) {
      const r = await client.instant(q, Math.floor(Date.now() / 1000));
      expect(r.ok, `${key}: ${q}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });

  it('reads a recorded sample from the millisecond it is stamped, not from the next whole second', {
    timeout: 30_000,
  }, async () => {
    const recorded = 'job:market_master_prediction_duration_seconds:p95_rate5m{job="market_master"}';
    // the rule's own samples, exact timestamps: one whose value differs from the one before
    const raw = await until('two recorded p95 samples that differ', 20_000, async () => {
      const r = (await instantQuery(prom!.url, `${recorded}[5m]`)) as { values: Array<[number, string]> }[];
      const values = r[0]?.values ?? [];
      const i = values.findLastIndex(([, v], k) => k > 0 && v !== values[k - 1]![1]);
      return i > 0 ? values[i] : undefined;
    });
    const [ts, value] = raw!;
    const client = createPrometheusClient({ url: prom!.url, timeoutMs: 10_000 });
    const r = await fetchPromPanels(
      client,
      consoleMetricNames('market_master'),
      { rangeSeconds: 300, chartWidth: 60 },
      ts * 1000,
    );
    if (!r.ok) throw new Error(r.error);
    // read at the whole second before `ts`, the panel got the sample before this one
    expect(r.data.instant.p95?.[0]?.value, `at ${ts}`).toBe(Number(value));
  });

  it('status reads the p95 its alert reads (the recording rule) and the throughput is warming up', {
    timeout: 60_000,
  }, async () => {
    const recorded = 'job:market_master_prediction_duration_seconds:p95_rate5m{job="market_master"}';
    // The rule is re-evaluated every second while its young 5m window fills, and status reads the newest
    // sample at the moment it runs: so read every recorded value of the seconds around it, and status'
    // figure must be one of them (+-1 ms of rounding). A rule's sample lands only when its evaluation ends, and
    // under a loaded suite that can be seconds late: status then reads the newest that had landed, so the
    // seconds before it count too.
    const from = Math.floor(Date.now() / 1000) - 15;
    const s = await status();
    const to = Math.ceil(Date.now() / 1000) + 1;
    const q = new URLSearchParams({ query: recorded, start: `${from}`, end: `${to}`, step: '1' });
    // until the evaluations of those seconds have all landed
    const recordedMs = await until('the recorded p95 around status', 15_000, async () => {
      const body = (await (await fetch(`${prom!.url}/api/v1/query_range?${q}`)).json()) as {
        data: { result: Array<{ values: Array<[number, string]> }> };
      };
      const values = body.data.result[0]?.values ?? [];
      return values.length > 0 && values.at(-1)![0] >= to
        ? values.map(([, v]) => Number(v) * 1000)
        : undefined;
    });
    const p95 = Number.parseFloat(s.models.latency.stats.find((x) => x.label === 'p95')!.value);
    expect(s.sources.prometheus, 'Prometheus answered status').toMatchObject({ ok: true });
    expect(
      recordedMs.some((v) => Math.abs(v - p95) <= 1),
      `status p95 ${p95} ms; recorded ${recordedMs.map((v) => v.toFixed(1)).join(', ')}`,
    ).toBe(true);
    // the engine's exact throughput is there, so no warm-up; the Prometheus-only form is tested in panels
    expect(s.models.throughput.state).not.toBe('critical');
  });

  it('a latency fault goes pending, then firing, then reaches the webhook with its runbook', {
    timeout: 90_000,
  }, async () => {
    sim!.setFault('latency', true);
    const pending = await until('HighPredictionLatency pending', 30_000, async () =>
      (await alerts(prom!.url, 'HighPredictionLatency')).find((a) => a.state === 'pending'),
    );
    expect(pending.labels).toMatchObject({ job: 'market_master' });
    const firing = await until('HighPredictionLatency firing', 30_000, async () =>
      (await alerts(prom!.url, 'HighPredictionLatency')).find((a) => a.state === 'firing'),
    );
    expect(['warning', 'critical']).toContain(firing.labels.severity);
    // one truth: while the alert fires, the panel on its figure is at least as severe, and says why
    const s = await status();
    expect(RANK[s.models.latency.state]).toBeGreaterThanOrEqual(RANK[firing.labels.severity as PanelState]);
    expect(['warning', 'critical']).toContain(s.overall);
    const delivered = await until('the webhook delivery', 30_000, async () =>
      hook.alerts.find((a) => a.labels.alertname === 'HighPredictionLatency' && a.status === 'firing'),
    );
    expect(delivered.annotations).toMatchObject({
      runbook: 'high-latency',
      runbook_url: 'runbooks/high-latency.md',
    });
    expect(delivered.annotations.description).toMatch(
      /p95 prediction latency of market_master over 5m is \d/,
    );
  });
});

/**
 * Grafana has no Debian package, so its dashboards are checked here: parsed, every panel query (and every
 * template variable query) run through a real Prometheus' /api/v1/query, threshold lines compared with
 * the config, and every metric name checked against what the engine and the rules provide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordingRules } from '../../src/alerting/prometheus/index.js';
import { metricNames } from '../../src/engine/metrics/index.js';
import { instantQuery, type RunningServer, startPrometheus } from '../helpers/prometheus.js';
import { defaultConfig, GRAFANA_DIR, PROM_DIR } from './paths.js';

interface Target {
  expr: string;
  datasource?: { uid?: string };
}
interface Step {
  value: number | null;
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Target[];
  panels?: Panel[];
  fieldConfig?: { defaults?: { thresholds?: { steps: Step[] } } };
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: {
    list: {
      name: string;
      query: { query: string } | string;
      allValue?: string;
      current?: { value: string };
    }[];
  };
}

const DASH_DIR = join(GRAFANA_DIR, 'dashboards');
const dashboards = readdirSync(DASH_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, dashboard: JSON.parse(readFileSync(join(DASH_DIR, f), 'utf8')) as Dashboard }));
const panelsOf = (d: Dashboard): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

/** Grafana's variables as Prometheus sees them after interpolation. */
function interpolate(expr: string, d: Dashboard): string {
  let out = expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h');
  for (const v of d.templating.list) {
    const value = v.allValue ?? v.current?.value ?? '.*';
    out = out.replaceAll(`\${${v.name}}`, value).replaceAll(`$${v.name}`, value);
  }
  expect(out, `uninterpolated variable in ${expr}`).not.toMatch(/\$\w/);
  return out;
}

/** `label_values(expr, label)` -> expr (the PromQL part Grafana sends to /api/v1/series). */
function variableQuery(q: string): string | null {
  const m = /^label_values\((.*),\s*\w+\)$/.exec(q.trim());
  return m ? m[1]! : q.trim() === '' ? null : q;
}

describe('Grafana provisioning', () => {
  const datasources = parse(
    readFileSync(join(GRAFANA_DIR, 'provisioning/datasources/prometheus.yml'), 'utf8'),
  ) as {
    datasources: { uid: string; type: string; url: string; isDefault?: boolean }[];
  };
  it('provisions the guide datasource (http://prometheus:9090, default) with the uid the panels use', () => {
    const prom = datasources.datasources.find((d) => d.type === 'prometheus')!;
    expect(prom).toMatchObject({ url: 'http://prometheus:9090', isDefault: true, uid: 'prometheus' });
    for (const { file, dashboard } of dashboards) {
      for (const p of panelsOf(dashboard)) {
        for (const uid of [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource?.uid)]) {
          if (uid !== undefined) expect(uid, `${file}: ${p.title}`).toBe('prometheus');
        }
      }
    }
  });
  it('loads dashboards from the directory docker-compose mounts', () => {
    const providers = parse(
      readFileSync(join(GRAFANA_DIR, 'provisioning/dashboards/dashboards.yml'), 'utf8'),
    ) as {
      providers: { options: { path: string } }[];
    };
    expect(providers.providers[0]?.options.path).toBe('/etc/grafana/dashboards');
  });
});

describe('dashboards', () => {
  it('exist, with unique uids', () => {
    expect(dashboards.map((d) => d.file)).toContain('overview.json');
    const uids = dashboards.map((d) => d.dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  const overview = dashboards.find((d) => d.file === 'overview.json')!.dashboard;
  const titles = panelsOf(overview).map((p) => p.title);
  it('have the panels of both guides', () => {
    for (const title of [
      'Data quality score',
      'Accuracy & F1',
      'Prediction latency p50 / p95 / p99',
      'Throughput',
      'Error ratio',
      'Drift per feature',
      'Prediction drift score',
      'Prediction queue utilization',
      'CPU utilization',
      'Memory utilization',
      'Disk utilization',
      'GPU utilization',
      'Firing alerts (Prometheus)',
    ]) {
      expect(titles).toContain(title);
    }
    const exprs = panelsOf(overview).flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs).toContain('ALERTS{alertstate="firing"}');
    expect(
      exprs.some((e) =>
        e.startsWith(
          'histogram_quantile(0.95, sum by (le) (rate(market_master_prediction_duration_seconds_bucket',
        ),
      ),
    ).toBe(true);
  });

  it('draw threshold lines at the config levels', () => {
    const t = defaultConfig().thresholds;
    const levels = (title: string) =>
      panelsOf(overview)
        .find((p) => p.title === title)!
        .fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
    const sorted = (r: { warning: number; critical: number }) =>
      [r.warning, r.critical].sort((a, b) => a - b);
    expect(levels('Prediction latency p50 / p95 / p99')).toEqual(sorted(t.prediction_latency_seconds));
    expect(levels('Throughput')).toEqual(sorted(t.prediction_throughput_per_second));
    expect(levels('Error ratio')).toEqual(sorted(t.error_ratio));
    expect(levels('Prediction queue utilization')).toEqual(sorted(t.queue_utilization_ratio));
    expect(levels('Accuracy & F1')).toEqual(sorted(t.model_accuracy));
    expect(levels('Spread compliance')).toEqual(sorted(t.spread_compliance_ratio));
    const { drift } = defaultConfig();
    expect(levels('Dataset drift share')).toEqual([drift.warning_share, drift.dataset_share]);
    expect(levels('Prediction drift score')).toEqual(sorted(t.model_drift_score));
    expect(levels('CPU utilization')).toEqual(sorted(t.cpu_utilization_ratio));
    expect(levels('Memory utilization')).toEqual(sorted(t.memory_utilization_ratio));
    expect(levels('Disk utilization')).toEqual(sorted(t.disk_utilization_ratio));
    expect(levels('GPU utilization')).toEqual(sorted(t.gpu_utilization_ratio));
  });

  it('name only metrics that exist (an unknown name is not a query error, just an empty panel)', () => {
    const engine = Object.values(metricNames('market_master'));
    const known = new Set([
      ...engine,
      ...engine.flatMap((m) => [`${m}_bucket`, `${m}_count`, `${m}_sum`]),
      ...recordingRules('market_master').flatMap((g) => g.rules.map((r) => r.record)),
    ]);
    for (const { dashboard } of dashboards) {
      for (const p of panelsOf(dashboard)) {
        for (const { expr } of p.targets ?? []) {
          for (const m of expr.match(/[a-z_]*:?market_master_[a-z0-9_]+(:[a-z0-9_]+)?/g) ?? []) {
            expect(known.has(m), `${p.title}: ${m}`).toBe(true);
          }
        }
      }
    }
  });
});

describe('every dashboard query runs on a real Prometheus', () => {
  let prom: RunningServer;
  beforeAll(async () => {
    const files = {
      'recording_rules.yml': readFileSync(join(PROM_DIR, 'recording_rules.yml'), 'utf8'),
    };
    prom = await startPrometheus({
      files,
      config: (port) =>
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          'rule_files: [recording_rules.yml]',
          'scrape_configs:',
          '  - job_name: prometheus',
          `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
        ].join('\n'),
    });
  });
  afterAll(async () => {
    await prom?.stop();
  });

  const queries = dashboards.flatMap(({ file, dashboard }) => [
    ...panelsOf(dashboard).flatMap((p) =>
      (p.targets ?? []).map((t) => ({ name: `${file}: ${p.title}: ${t.expr}`, dashboard, expr: t.expr })),
    ),
    ...dashboard.templating.list.flatMap((v) => {
      const q = variableQuery(typeof v.query === 'string' ? v.query : v.query.query);
      return q ? [{ name: `${file}: variable ${v.name}: ${q}`, dashboard, expr: q }] : [];
    }),
  ]);

  it('finds the queries, and a broken one would fail', async () => {
    expect(queries.length).toBeGreaterThan(25);
    await expect(instantQuery(prom.url, 'rate(up[5m]')).rejects.toThrow(/parse error/);
  });
  for (const q of queries) {
    it(q.name, async () => {
      await expect(instantQuery(prom.url, interpolate(q.expr, q.dashboard))).resolves.toBeInstanceOf(Array);
    });
  }

  it('self-scrape works: up{job="prometheus"} appears', { timeout: 20_000 }, async () => {
    let result: unknown[] = [];
    for (let i = 0; i < 60 && result.length === 0; i++) {
      result = await instantQuery(prom.url, 'up{job="prometheus"} == 1');
      if (result.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(result.length).toBe(1);
  });
});

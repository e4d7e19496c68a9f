/**
 * One truth: change one level, once in a config file and once by its environment variable, and every
 * consumer moves with it: the engine's rules, the rendered Prometheus rules, the Grafana threshold lines,
 * the console panels (and so `status`), `diag model`'s checks, and the real binary's render and status.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rulesFromConfig } from '../../src/alerting/index.js';
import { RULE_FILES, renderDashboardLevels, renderRuleFiles } from '../../src/alerting/prometheus/index.js';
import { type Config, loadConfig } from '../../src/config/index.js';
import { buildPanels } from '../../src/console/index.js';
import { type LevelName, levelBook, modelChecks } from '../../src/monitor/index.js';
import { mmopsConsole } from '../console/cli-runner.js';
import { serveFixtures } from '../console/serve-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'mmops-home-'));
const DASHBOARD = readFileSync(join(import.meta.dirname, '../../grafana/dashboards/overview.json'), 'utf8');

function fromFile(yamlText: string): Config {
  const file = join(mkdtempSync(join(tmpdir(), 'mmops-levels-')), 'c.yaml');
  writeFileSync(file, yamlText);
  return loadConfig({ env: {}, home, configFile: file }).config;
}
const fromEnv = (env: Record<string, string>) => loadConfig({ env, home }).config;

/** Every level of `alert` in the rendered alert_rules.yml, by severity. */
function renderedLevels(config: Config, alert: string): Record<string, number[]> {
  const doc = parse(renderRuleFiles(config)[RULE_FILES.alerts]!) as {
    groups: Array<{ rules: Array<{ alert?: string; expr: string; labels: { severity: string } }> }>;
  };
  const out: Record<string, number[]> = {};
  for (const r of doc.groups.flatMap((g) => g.rules).filter((r) => r.alert === alert)) {
    const level = Number(r.expr.match(/[<>]=? (-?[\d.e+-]+)\)?$/)?.[1]);
    (out[r.labels.severity] ??= []).push(level);
  }
  return out;
}

/** The threshold steps of a dashboard panel. */
function dashboardSteps(config: Config, title: string): number[] {
  const d = JSON.parse(renderDashboardLevels(DASHBOARD, config)) as {
    panels: Array<{
      title: string;
      fieldConfig?: { defaults?: { thresholds?: { steps: Array<{ value: number | null }> } } };
    }>;
  };
  const p = d.panels.find((x) => x.title === title)!;
  return p
    .fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value)
    .filter((v): v is number => v !== null);
}

// [level, alert, dashboard panel, how the config changes it (file YAML), the new levels]
const CASES: Array<{
  level: LevelName;
  alert: string;
  panel: string;
  yaml: string;
  env?: Record<string, string>;
  warning: number;
  critical: number;
}> = [
  {
    level: 'latency',
    alert: 'HighPredictionLatency',
    panel: 'Prediction latency p50 / p95 / p99',
    yaml: 'thresholds:\n  prediction_latency_seconds: { warning: 0.05, critical: 0.2, direction: above, for: 5m }\n',
    warning: 0.05,
    critical: 0.2,
  },
  {
    level: 'latency',
    alert: 'HighPredictionLatency',
    panel: 'Prediction latency p50 / p95 / p99',
    yaml: 'latency:\n  threshold_ms: 150\n',
    env: { LATENCY_THRESHOLD: '150' },
    warning: 0.1,
    critical: 0.15,
  },
  {
    level: 'errors',
    alert: 'HighErrorRatio',
    panel: 'Error ratio',
    yaml: 'thresholds:\n  error_ratio: { warning: 0.02, critical: 0.04, direction: above, for: 5m }\n',
    warning: 0.02,
    critical: 0.04,
  },
  {
    level: 'quality',
    alert: 'DataQualityDegraded',
    panel: 'Data quality score',
    yaml: 'quality:\n  min_score: 0.9\n',
    env: { DATA_QUALITY_THRESHOLD: '0.9' },
    warning: 0.9,
    critical: 0.6,
  },
  {
    level: 'accuracy',
    alert: 'LowModelAccuracy',
    panel: 'Accuracy & F1',
    yaml: 'thresholds:\n  model_accuracy: { warning: 0.95, critical: 0.9, direction: below, for: 10m }\n',
    warning: 0.95,
    critical: 0.9,
  },
  {
    level: 'cpu',
    alert: 'HighCpuUtilization',
    panel: 'CPU utilization',
    // the guide's system_cpu_percent (80) must stay below the new critical level: a contradiction is refused
    yaml: 'system:\n  cpu_percent: 65\nthresholds:\n  cpu_utilization_ratio: { warning: 0.6, critical: 0.7, direction: above, for: 5m }\n',
    warning: 0.6,
    critical: 0.7,
  },
];

describe('one level, every consumer', () => {
  for (const c of CASES) {
    const ways: Array<[string, () => Config]> = [
      [`file: ${c.yaml.trim().replace(/\n\s*/g, ' ')}`, () => fromFile(c.yaml)],
    ];
    if (c.env) ways.push([`env ${Object.keys(c.env)[0]}`, () => fromEnv(c.env!)]);
    for (const [how, load] of ways) {
      it(`${c.level} by ${how}`, () => {
        const config = load();
        const book = levelBook(config);
        expect(book[c.level]).toMatchObject({ warning: c.warning, critical: c.critical });
        // the engine's own rule
        const rule = rulesFromConfig(config).find((r) => r.name === c.alert)!;
        expect(rule).toMatchObject({ warning: c.warning, critical: c.critical });
        // Prometheus' rules
        const rendered = renderedLevels(config, c.alert);
        expect(rendered.warning).toContain(c.warning);
        expect(rendered.critical).toContain(c.critical);
        // Grafana's lines
        expect(dashboardSteps(config, c.panel).sort()).toEqual([c.warning, c.critical].sort());
        // the console and status: a value just past the new critical level is critical
        const bad = c.critical + (book[c.level].direction === 'above' ? 0.001 : -0.001);
        expect(book[c.level].judge(bad)).toBe('critical');
      });
    }
  }

  it('diag model and the panels judge with the same book', () => {
    const config = fromEnv({ LATENCY_THRESHOLD: '150' });
    const book = levelBook(config);
    const [row] = modelChecks({ latencyP95: 0.16 }, book, ['latencyP95']);
    expect(row).toMatchObject({ state: 'critical', limit: '> 0.1 / > 0.15' });
    expect(row!.keys.critical).toBe('latency.threshold_ms');
    expect(typeof buildPanels).toBe('function');
  });
});

describe('the real binary follows the variable', () => {
  let fx: Awaited<ReturnType<typeof serveFixtures>>;
  beforeAll(async () => {
    fx = await serveFixtures();
  });
  afterAll(() => fx.close());

  it('rules render and status move with LATENCY_THRESHOLD', async () => {
    const rendered = await mmopsConsole(['rules', 'render', '--out', '-'], { LATENCY_THRESHOLD: '110' });
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('job:market_master_prediction_duration_seconds:p95_rate5m > 0.11');
    // the fixture Prometheus' p95 is 120 ms: a warning by default, critical once the ceiling is 110 ms
    const before = JSON.parse((await mmopsConsole(['status', '--json'], fx.env)).stdout);
    const after = JSON.parse(
      (await mmopsConsole(['status', '--json'], { ...fx.env, LATENCY_THRESHOLD: '110' })).stdout,
    );
    expect(before.panels.latency.state).toBe('warning');
    expect(after.panels.latency.state).toBe('critical');
  });
});

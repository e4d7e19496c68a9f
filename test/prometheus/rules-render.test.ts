import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RUNBOOK, rulesFromConfig, TROUBLESHOOT } from '../../src/alerting/index.js';
import {
  ALERTMANAGER_HEADER,
  AVAILABILITY_RUNBOOK,
  alertSpecs,
  DEFAULT_LATENCY_BUCKETS,
  RULE_FILES,
  recordingRules,
  renderAlertmanager,
  renderRuleFiles,
} from '../../src/alerting/prometheus/index.js';
import { LATENCY_BUCKETS, metricNames } from '../../src/engine/metrics/index.js';
import { defaultConfig, NOTIFY_EXAMPLE, PROM_DIR, ROOT } from './paths.js';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
const config = defaultConfig();
const committed = (file: string) => readFileSync(join(PROM_DIR, file), 'utf8');
const alertRules = (): Rule[] =>
  (parse(committed(RULE_FILES.alerts)) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

describe('committed Prometheus files are a fresh render (run `mmops rules render` when this fails)', () => {
  const fresh = renderRuleFiles(config);
  for (const file of Object.values(RULE_FILES)) {
    it(`prometheus/${file}`, () => {
      expect(committed(file), `prometheus/${file} is stale: run mmops rules render`).toBe(fresh[file]);
    });
  }
  it('prometheus/alertmanager.yml (rendered from the notify example)', () => {
    const example = renderAlertmanager(defaultConfig(NOTIFY_EXAMPLE), ALERTMANAGER_HEADER);
    expect(committed('alertmanager.yml')).toBe(example);
  });
});

describe('alert rules', () => {
  const rules = alertRules();
  const names = [...new Set(rules.map((r) => r.alert))];

  it("carry every engine alert name, so the console merges the engine's and Prometheus' alerts", () => {
    const engine = new Set(rulesFromConfig(config).map((r) => r.name));
    for (const name of engine) expect(names, name).toContain(name);
  });

  it('have a warning and a critical rule per threshold alert, the critical one more severe', () => {
    const availability = new Set(['EngineDown', 'EngineTargetMissing', 'AlertmanagerUnreachable']);
    for (const name of names) {
      const severities = rules.filter((r) => r.alert === name).map((r) => r.labels.severity);
      if (availability.has(name)) expect(severities, name).toEqual(['critical']);
      else expect(new Set(severities), name).toEqual(new Set(['warning', 'critical']));
    }
    for (const s of alertSpecs(config, {})) {
      const critical = alertSpecs(config, {}).find(
        (c) => c.alert === s.alert && c.signal.id === s.signal.id && c.severity === 'critical',
      );
      if (s.severity !== 'warning' || !critical) continue;
      if (s.op === '>' || s.op === '>=') expect(critical.level, s.alert).toBeGreaterThanOrEqual(s.level);
      if (s.op === '<' || s.op === '<=') expect(critical.level, s.alert).toBeLessThanOrEqual(s.level);
    }
  });

  it('carry summary, a description with $value, runbook and runbook_url = runbooks/<runbook>.md', () => {
    const ids = new Set<string>([...Object.values(RUNBOOK), ...Object.values(TROUBLESHOOT)]);
    expect(ids.has(AVAILABILITY_RUNBOOK)).toBe(true);
    for (const r of rules) {
      const a = r.annotations;
      expect(a.summary?.length, r.alert).toBeGreaterThan(0);
      expect(a.description, r.alert).toContain('$value');
      expect(ids.has(a.runbook!), `${r.alert}: ${a.runbook}`).toBe(true);
      expect(a.runbook_url, r.alert).toBe(`runbooks/${a.runbook}.md`);
      expect(['warning', 'critical'], r.alert).toContain(r.labels.severity);
    }
  });

  it("point at runbooks that exist and list the alert in their front matter's alerts", () => {
    for (const r of rules) {
      const file = join(ROOT, r.annotations.runbook_url!);
      expect(existsSync(file), `${r.alert}: ${file}`).toBe(true);
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
      const meta = parse(front) as { id: string; alerts?: string[] };
      expect(meta.id).toBe(r.annotations.runbook);
      expect(meta.alerts ?? [], `${file} alerts`).toContain(r.alert);
    }
  });

  it('use the config levels and for durations', () => {
    const find = (name: string, severity: string) =>
      rules.find((r) => r.alert === name && r.labels.severity === severity)!;
    const t = config.thresholds;
    expect(find('HighPredictionLatency', 'warning').expr).toBe(
      'job:market_master_prediction_duration_seconds:p95_rate5m > 0.1',
    );
    expect(find('HighPredictionLatency', 'critical').expr).toMatch(/ > 0\.25$/);
    expect(find('HighPredictionLatency', 'warning').for).toBe(t.prediction_latency_seconds.for);
    expect(find('HighErrorRatio', 'critical').expr).toBe(
      'job:market_master_prediction_errors:ratio_rate5m > 0.1',
    );
    expect(find('LowThroughput', 'critical').expr).toMatch(/ < 5$/);
    expect(find('LowModelAccuracy', 'critical')).toMatchObject({
      expr: 'market_master_model_accuracy < 0.75',
      for: '10m',
    });
    expect(find('DataQualityDegraded', 'critical').expr).toBe(
      `market_master_data_quality_score < ${config.quality.critical_score}`,
    );
    expect(find('EngineDown', 'critical')).toMatchObject({ expr: 'up{job="market_master"} == 0', for: '1m' });
    // only once Prometheus has scraped anything at all: no "no engine target" page at its start
    expect(
      rules.some((r) => r.expr === '(absent(up{job="market_master"}) and on () count(up) > 0) == 1'),
    ).toBe(true);
    expect(
      rules.some((r) => r.expr === 'market_master_model_accuracy < 0.6' && r.labels.severity === 'critical'),
    ).toBe(true);
  });

  it('follow a config change (a lower latency ceiling becomes the critical level)', () => {
    const changed = structuredClone(config);
    changed.thresholds.error_ratio = { warning: 0.02, critical: 0.04, direction: 'above', for: '3m' };
    changed.latency.threshold_ms = 200;
    const specs = alertSpecs(changed, {});
    const errors = specs.filter((s) => s.alert === 'HighErrorRatio').map((s) => [s.level, s.for]);
    expect(errors).toEqual([
      [0.02, '3m'],
      [0.04, '3m'],
    ]);
    expect(specs.find((s) => s.alert === 'HighPredictionLatency' && s.severity === 'critical')?.level).toBe(
      0.2,
    );
  });

  it('take --for-override in every rule', () => {
    const specs = alertSpecs(config, { forOverride: '5s' });
    expect(new Set(specs.map((s) => s.for))).toEqual(new Set(['5s']));
    expect(specs.every((s) => !/for (1m|5m|10m)\./.test(s.description))).toBe(true);
  });

  it('name only metrics the engine exposes, its recording rules, node-exporter, DCGM and up', () => {
    const engine = Object.values(metricNames('market_master'));
    const known = new Set([
      ...engine,
      ...engine.flatMap((m) => [`${m}_bucket`, `${m}_count`, `${m}_sum`]),
      ...recordingRules('market_master').flatMap((g) => g.rules.map((r) => r.record)),
    ]);
    const exprs = [
      ...rules.map((r) => r.expr),
      ...recordingRules('market_master').flatMap((g) => g.rules.map((r) => r.expr)),
    ];
    for (const expr of exprs) {
      for (const m of expr.match(/[a-z_]*:?market_master_[a-z0-9_]+(:[a-z0-9_]+)?/g) ?? []) {
        expect(known.has(m), `${m} in ${expr}`).toBe(true);
      }
    }
  });

  it("test histograms use the engine's latency buckets", () => {
    expect([...DEFAULT_LATENCY_BUCKETS]).toEqual([...LATENCY_BUCKETS]);
  });
});

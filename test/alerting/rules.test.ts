import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertKey, METRIC, RUNBOOK, rulesFromConfig, severityOf } from '../../src/alerting/index.js';
import { type Config, loadConfig } from '../../src/config/index.js';

const home = mkdtempSync(join(tmpdir(), 'mmops-alerting-home-'));
const defaults = (): Config => loadConfig({ env: {}, home }).config;

describe('rulesFromConfig', () => {
  const rules = rulesFromConfig(defaults());
  const byName = (name: string, labels?: Record<string, string>) => {
    const rule = rules.find((r) => alertKey(r.name, r.labels) === alertKey(name, labels));
    if (!rule) throw new Error(`no rule ${name}`);
    return rule;
  };

  it('has one rule per market-maker row plus the market-master rules, with unique keys', () => {
    expect(rules.map((r) => alertKey(r.name, r.labels))).toEqual([
      'HighPredictionLatency',
      'LowThroughput',
      'HighErrorRatio',
      'HighQueueUtilization',
      'HighMemoryUtilization',
      'HighCpuUtilization',
      'HighGpuUtilization',
      'HighDiskUtilization',
      'LowModelAccuracy',
      'LowSpreadCompliance',
      'PredictionDrift',
      'DataQualityDegraded',
      'DataDriftDetected',
      'ModelPerformanceDegraded',
      'SystemHealthDegraded{resource="cpu"}',
      'SystemHealthDegraded{resource="memory"}',
    ]);
    const runbooks = new Set<string>(Object.values(RUNBOOK));
    for (const r of rules) {
      expect(runbooks.has(r.runbook), r.name).toBe(true);
      expect(r.summary.length, r.name).toBeGreaterThan(0);
    }
  });

  it('copies the threshold rows: levels, direction and for', () => {
    expect(byName('HighPredictionLatency')).toMatchObject({
      metric: METRIC.latencyP95,
      warning: 0.1,
      critical: 0.25,
      direction: 'above',
      forSeconds: 300,
      runbook: 'high-latency',
    });
    expect(byName('LowThroughput')).toMatchObject({
      warning: 10,
      critical: 5,
      direction: 'below',
      runbook: 'high-latency',
    });
    expect(byName('HighErrorRatio')).toMatchObject({
      warning: 0.05,
      critical: 0.1,
      runbook: 'high-error-rate',
    });
    expect(byName('LowModelAccuracy')).toMatchObject({ forSeconds: 600, runbook: 'model-performance' });
    expect(byName('PredictionDrift')).toMatchObject({
      metric: 'prediction_drift_score',
      warning: 0.1,
      critical: 0.2,
      direction: 'above',
      runbook: 'data-drift',
    });
    expect(byName('HighDiskUtilization')).toMatchObject({ runbook: 'resource-constraints' });
  });

  it('builds the market-master rules from quality, drift, performance and system', () => {
    expect(byName('DataQualityDegraded')).toMatchObject({
      metric: 'data_quality_score',
      warning: 0.8,
      critical: 0.6,
      direction: 'below',
      forSeconds: 300,
      runbook: 'data-quality',
    });
    expect(byName('ModelPerformanceDegraded')).toMatchObject({
      warning: 0.05,
      critical: 0.1,
      forSeconds: 600,
    });
    expect(byName('SystemHealthDegraded', { resource: 'cpu' })).toMatchObject({
      warning: 0.8,
      critical: 0.95,
    });
    expect(byName('SystemHealthDegraded', { resource: 'memory' })).toMatchObject({
      warning: 0.85,
      critical: 0.9,
    });
  });

  it('DataDriftDetected warns from warning_share and is critical at share >= dataset_share', () => {
    const drift = byName('DataDriftDetected');
    // one column of 14 drifting by chance (0.07) is not worth a page
    expect([0, 0.07, 0.25, 0.49, 0.5, 1].map((v) => severityOf(v, drift))).toEqual([
      null,
      null,
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
    expect(drift.description).toContain('>= 0.5 (critical)');
  });

  it('follows the config', () => {
    const config = defaults();
    config.thresholds.error_ratio = { warning: 0.01, critical: 0.02, direction: 'above', for: '1m' };
    config.system.cpu_percent = 90;
    const changed = rulesFromConfig(config);
    expect(changed.find((r) => r.name === 'HighErrorRatio')).toMatchObject({
      warning: 0.01,
      critical: 0.02,
      forSeconds: 60,
    });
    const cpu = changed.find((r) => r.name === 'SystemHealthDegraded' && r.labels?.resource === 'cpu');
    expect(cpu).toMatchObject({ warning: 0.9, critical: 0.95 });
  });
});

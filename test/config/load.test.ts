import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from '../../src/config/index.js';

const fixtures = join(import.meta.dirname, '../fixtures/config');
const emptyHome = mkdtempSync(join(tmpdir(), 'mmops-home-'));
const load = (opts: Parameters<typeof loadConfig>[0] = {}) =>
  loadConfig({ env: {}, home: emptyHome, ...opts });

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config defaults', () => {
  it('holds both guides thresholds', () => {
    const { config } = load();
    expect(config.quality.min_score).toBe(0.8);
    expect(config.drift.alpha).toBe(0.05);
    expect(config.performance.degradation).toEqual({ warning: 0.05, critical: 0.1 });
    expect(config.latency.threshold_ms).toBe(1000);
    expect(config.intervals).toMatchObject({ monitoring_seconds: 300, alert_check_seconds: 60 });
    expect(config.thresholds.prediction_latency_seconds).toMatchObject({ warning: 0.1, critical: 0.25 });
    expect(config.thresholds.prediction_throughput_per_second).toMatchObject({ warning: 10, critical: 5 });
    expect(config.thresholds.model_accuracy).toMatchObject({
      warning: 0.85,
      critical: 0.75,
      direction: 'below',
    });
    expect(config.thresholds.disk_utilization_ratio).toMatchObject({ warning: 0.8, critical: 0.9 });
    expect(config.alerting.aggregation[0]).toEqual({
      name: 'prediction_errors',
      window: '5m',
      threshold: 10,
      group_by: ['error_type'],
    });
  });
});

describe('config precedence', () => {
  it('lets --config override the defaults and env override both', () => {
    const file = join(fixtures, 'override.yaml');
    expect(load({ configFile: file }).config.quality.min_score).toBe(0.7);
    const { config, origins } = load({ configFile: file, env: { DATA_QUALITY_THRESHOLD: '0.9' } });
    expect(config.quality.min_score).toBe(0.9);
    expect(origins.get('quality.min_score')).toEqual({ kind: 'env', name: 'DATA_QUALITY_THRESHOLD' });
    expect(config.thresholds.error_ratio.warning).toBe(0.02);
  });

  it('reads ~/.config/mmops/config.yaml below --config', () => {
    const home = mkdtempSync(join(tmpdir(), 'mmops-home-'));
    mkdirSync(join(home, '.config', 'mmops'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'mmops', 'config.yaml'),
      'drift:\n  alpha: 0.01\nquality:\n  min_score: 0.5\n',
    );
    const { config } = load({ home, configFile: join(fixtures, 'override.yaml') });
    expect(config.drift.alpha).toBe(0.01);
    expect(config.quality.min_score).toBe(0.7);
  });

  it('reads $XDG_CONFIG_HOME/mmops/config.yaml instead of ~/.config when XDG_CONFIG_HOME is absolute', () => {
    const home = mkdtempSync(join(tmpdir(), 'mmops-home-'));
    mkdirSync(join(home, '.config', 'mmops'), { recursive: true });
    writeFileSync(join(home, '.config', 'mmops', 'config.yaml'), 'drift:\n  alpha: 0.02\n');
    const xdg = mkdtempSync(join(tmpdir(), 'mmops-xdg-'));
    mkdirSync(join(xdg, 'mmops'), { recursive: true });
    const file = join(xdg, 'mmops', 'config.yaml');
    writeFileSync(file, 'drift:\n  alpha: 0.01\n');
    const loaded = load({ home, env: { XDG_CONFIG_HOME: xdg } });
    expect(loaded.config.drift.alpha).toBe(0.01);
    expect(loaded.files).toContain(file);
    expect(loaded.files).not.toContain(join(home, '.config', 'mmops', 'config.yaml'));
    // a relative XDG_CONFIG_HOME is ignored (the spec: "must be absolute"), so ~/.config is read
    expect(load({ home, env: { XDG_CONFIG_HOME: 'relative/dir' } }).config.drift.alpha).toBe(0.02);
    // an error in the XDG file names that file
    writeFileSync(file, 'drift:\n  alpha: 2\n');
    expect(errorOf(() => load({ home, env: { XDG_CONFIG_HOME: xdg } })).message).toContain(file);
  });

  it('ENGINE_URL=none means no engine (null); an empty one is unset; a required source refuses none', () => {
    expect(load({ env: { ENGINE_URL: 'none' } }).config.sources.engine_url).toBeNull();
    expect(load({ env: { EVIDENTLY_SERVICE_URL: 'NONE' } }).config.sources.engine_url).toBeNull();
    expect(load({ env: { ENGINE_URL: '' } }).config.sources.engine_url).toBe('http://127.0.0.1:8000');
    const file = join(mkdtempSync(join(tmpdir(), 'mmops-cfg-')), 'no-engine.yaml');
    writeFileSync(file, 'sources:\n  engine_url: null\n');
    expect(load({ configFile: file }).config.sources.engine_url).toBeNull();
    const err = errorOf(() => load({ env: { PROMETHEUS_URL: 'none' } }));
    expect(err.message).toContain('sources.prometheus_url');
    expect(err.message).toContain('PROMETHEUS_URL');
  });

  it('maps every guide variable', () => {
    const { config } = load({
      env: {
        PROMETHEUS_URL: 'http://prom:9090',
        GRAFANA_URL: 'http://graf:3000',
        EVIDENTLY_SERVICE_URL: 'http://engine:8080',
        ALERT_EMAIL: 'alerts@company.com',
        SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/x/y/z',
        DRIFT_THRESHOLD: '0.01',
        PERFORMANCE_THRESHOLD: '0.65',
        LATENCY_THRESHOLD: '500',
        MONITORING_INTERVAL_SECONDS: '30',
        ALERT_CHECK_INTERVAL_SECONDS: '10',
        SMTP_HOST: 'smtp.company.com',
        SMTP_PORT: '2525',
        SMTP_USERNAME: 'bot',
        SMTP_PASSWORD: 'secret',
        SMTP_STARTTLS: 'false',
      },
    });
    expect(config.sources).toMatchObject({
      prometheus_url: 'http://prom:9090',
      grafana_url: 'http://graf:3000',
      engine_url: 'http://engine:8080',
    });
    expect(config.notify.email.to).toBe('alerts@company.com');
    expect(config.notify.slack.webhook_url).toBe('https://hooks.slack.com/services/x/y/z');
    expect(config.drift.alpha).toBe(0.01);
    expect(config.performance.min_accuracy).toBe(0.65);
    expect(config.latency.threshold_ms).toBe(500);
    expect(config.intervals).toMatchObject({ monitoring_seconds: 30, alert_check_seconds: 10 });
    expect(config.notify.smtp).toMatchObject({
      host: 'smtp.company.com',
      port: 2525,
      username: 'bot',
      password: 'secret',
      starttls: false,
    });
  });

  it('prefers ENGINE_URL over the guide alias', () => {
    const env = { ENGINE_URL: 'http://a:1', EVIDENTLY_SERVICE_URL: 'http://b:2' };
    expect(load({ env }).config.sources.engine_url).toBe('http://a:1');
  });
});

describe('config errors name key, origin and what is allowed', () => {
  it('a bad file value gives file:line', () => {
    const file = join(fixtures, 'bad-alpha.yaml');
    const err = errorOf(() => load({ configFile: file }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('drift.alpha = 1.5');
    expect(err.message).toContain(`${file}:3`);
    expect(err.message).toContain('allowed: a number strictly between 0 and 1');
  });

  it('a bad variable names the variable', () => {
    const err = errorOf(() => load({ env: { DRIFT_THRESHOLD: 'abc' } }));
    expect(err.message).toContain('DRIFT_THRESHOLD');
    expect(err.message).toContain('allowed: a number');
    const range = errorOf(() => load({ env: { DATA_QUALITY_THRESHOLD: '80' } }));
    expect(range.message).toContain(
      'quality.min_score = 80 (from environment variable DATA_QUALITY_THRESHOLD)',
    );
    const url = errorOf(() => load({ env: { SLACK_WEBHOOK_URL: 'not a url' } }));
    expect(url.message).toContain('notify.slack.webhook_url');
    expect(url.message).toContain('an http(s) URL');
  });

  it('an unknown key is reported with its line and the allowed keys', () => {
    const file = join(fixtures, 'typo.yaml');
    const err = errorOf(() => load({ configFile: file }));
    expect(err.message).toContain(`unknown key quality.min_scroe (at ${file}:3)`);
    expect(err.message).toContain('min_score');
  });

  it('a YAML syntax error gives file:line', () => {
    const file = join(fixtures, 'broken.yaml');
    expect(errorOf(() => load({ configFile: file })).message).toMatch(
      new RegExp(`${file}:\\d+: invalid YAML`),
    );
  });

  it('a missing --config file is named', () => {
    expect(errorOf(() => load({ configFile: '/nonexistent.yaml' })).message).toContain('/nonexistent.yaml');
  });

  it('warning and critical must be ordered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-cfg-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(
      file,
      'thresholds:\n  model_accuracy: { warning: 0.7, critical: 0.8, direction: below, for: 5m }\n',
    );
    const msg = errorOf(() => load({ configFile: file })).message;
    expect(msg).toContain(`thresholds.model_accuracy.critical = 0.8 (from ${file}:2) is above`);
    expect(msg).toContain(`thresholds.model_accuracy.warning = 0.7 (from ${file}:2)`);
  });

  it('a guide variable that contradicts a level names both keys and the variable, never clamps', () => {
    const e = errorOf(() => load({ env: { LATENCY_THRESHOLD: '50' } }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(
      /latency\.threshold_ms = 50 \(0\.05 in the pair.s unit\) \(from environment variable LATENCY_THRESHOLD\) is below thresholds\.prediction_latency_seconds\.warning = 0\.1 \(from .*default\.yaml:\d+\)/,
    );
    expect(errorOf(() => load({ env: { PERFORMANCE_THRESHOLD: '0.9' } })).message).toMatch(
      /performance\.min_accuracy = 0\.9 \(from environment variable PERFORMANCE_THRESHOLD\) is above thresholds\.model_accuracy\.warning/,
    );
    expect(errorOf(() => load({ env: { DATA_QUALITY_THRESHOLD: '0.5' } })).message).toMatch(
      /quality\.critical_score = 0\.6 \(from .*\) is above quality\.min_score = 0\.5 \(from environment variable DATA_QUALITY_THRESHOLD\)/,
    );
  });

  it('system.cpu_percent above the CPU critical level is an error, not a clamp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-cfg-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'system:\n  cpu_percent: 99\n');
    expect(errorOf(() => load({ configFile: file })).message).toContain(
      `thresholds.cpu_utilization_ratio.critical = 0.95 (from ${fixturesDefault()}`,
    );
  });
});

const fixturesDefault = () => join(import.meta.dirname, '../../config/default.yaml');

describe('durations', () => {
  it('parses Prometheus durations', () => {
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('250ms')).toBe(0.25);
    expect(() => parseDuration('5 minutes')).toThrow(/not a duration/);
  });
});

/** The committed files through the real tools: promtool check config / check rules / test rules, amtool. */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HEADER,
  RULE_FILES,
  renderAlertmanager,
  renderRuleFiles,
} from '../../src/alerting/prometheus/index.js';
import { requireBinary } from '../helpers/prometheus.js';
import { defaultConfig, PROM_DIR } from './paths.js';

async function tool(name: 'promtool' | 'amtool', args: string[]) {
  const r = await execa(requireBinary(name), args, { cwd: PROM_DIR, reject: false, all: true });
  return { code: r.exitCode, output: r.all ?? '' };
}

describe('promtool', () => {
  it('check config prometheus/prometheus.yml (and the rule files it names)', async () => {
    const r = await tool('promtool', ['check', 'config', 'prometheus.yml']);
    expect(r.output).toContain('SUCCESS: 2 rule files found');
    expect(r.code, r.output).toBe(0);
  });

  it('check rules: alert and recording rules, lint included (no duplicate rules)', async () => {
    const r = await tool('promtool', ['check', 'rules', 'alert_rules.yml', 'recording_rules.yml']);
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/lint|duplicate/i);
  });

  it('test rules prometheus/tests/*.yml: every alert fires after for and stays quiet inside its level', {
    timeout: 180_000,
  }, async () => {
    const files = readdirSync(join(PROM_DIR, 'tests')).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(0);
    const r = await tool('promtool', ['test', 'rules', ...files.map((f) => join('tests', f))]);
    expect(r.code, r.output.slice(-6000)).toBe(0);
    expect(r.output).not.toContain('FAILED');
  });

  it("the demo's 1m rate window and 10s for: the rules' own tests still pass", {
    timeout: 180_000,
  }, async () => {
    const config = structuredClone(defaultConfig());
    config.alerting.rate_window = '1m';
    const dir = mkdtempSync(join(tmpdir(), 'mmops-window-'));
    const files = renderRuleFiles(config, { forOverride: '10s' });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    expect(files[RULE_FILES.recording]).toContain('p95_rate1m');
    expect(files[RULE_FILES.recording]).toContain('[1m]');
    const r = await execa(requireBinary('promtool'), ['test', 'rules', RULE_FILES.tests], {
      cwd: dir,
      reject: false,
      all: true,
    });
    expect(r.exitCode, (r.all ?? '').slice(-6000)).toBe(0);
  });
});

describe('amtool check-config', () => {
  it('prometheus/alertmanager.yml: email and Slack receivers, three inhibit rules', async () => {
    const r = await tool('amtool', ['check-config', 'alertmanager.yml']);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('3 inhibit rules');
    expect(r.output).toContain('1 receivers');
  });

  it('a render with nothing configured (the defaults) and one with a webhook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-amtool-'));
    const bare = defaultConfig();
    const webhook = structuredClone(bare);
    webhook.notify.webhook.url = 'http://127.0.0.1:9/hook';
    for (const [name, config] of [
      ['bare.yml', bare],
      ['webhook.yml', webhook],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, renderAlertmanager(config, ALERTMANAGER_HEADER));
      const r = await tool('amtool', ['check-config', file]);
      expect(r.code, `${name}: ${r.output}`).toBe(0);
    }
  });
});

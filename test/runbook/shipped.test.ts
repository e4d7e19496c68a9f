import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNBOOK, TROUBLESHOOT } from '../../src/alerting/keys.js';
import { LANGS, loadRunbooks, parseRunbookFile } from '../../src/runbook/index.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'runbooks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');

describe('the shipped runbooks', () => {
  it('all load, with no errors', () => {
    const { runbooks, errors } = loadRunbooks([DIR]);
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(runbooks.map((r) => r.id).sort()).toEqual(
      // engine-down answers the Prometheus-only availability alerts (EngineDown, EngineTargetMissing)
      [
        'daily',
        'weekly',
        'monthly',
        'engine-down',
        ...Object.values(RUNBOOK),
        ...Object.values(TROUBLESHOOT),
      ].sort(),
    );
  });

  it.each(files)('%s parses; every action is a valid language with attributes', (file) => {
    const rb = parseRunbookFile(join(DIR, file));
    expect(rb.steps.length).toBeGreaterThan(3);
    for (const s of rb.steps) {
      expect(s.title).not.toBe('');
      if (s.action) expect(LANGS).toContain(s.action.lang);
      else expect(s.guidance, `manual step "${s.title}" needs guidance`).not.toBe('');
    }
    // every runbook is executable: most steps have an action
    expect(rb.steps.filter((s) => s.action).length).toBeGreaterThan(rb.steps.length / 2);
  });

  it('routines and alert responses are the right kinds, and every alert rule has its runbook', () => {
    const { runbooks } = loadRunbooks([DIR]);
    const kind = Object.fromEntries(runbooks.map((r) => [r.id, r.kind]));
    expect([kind.daily, kind.weekly, kind.monthly]).toEqual(['daily', 'weekly', 'monthly']);
    for (const id of Object.values(RUNBOOK)) {
      expect(kind[id]).toBe('alert');
      expect(runbooks.find((r) => r.id === id)!.alerts.length).toBeGreaterThan(0);
    }
  });

  it("covers each step of the guides' procedures", () => {
    const text = (id: string) => JSON.stringify(parseRunbookFile(join(DIR, `${id}.md`)));
    // market-maker daily checks
    for (const s of [
      '/metrics',
      '/alerts',
      'mmops alerts',
      '/health',
      'mmops diag health',
      'mmops diag resources',
      'htop',
      'mmops diag logs',
      'grep ERROR',
      'tail -f',
    ]) {
      expect(text('daily'), s).toContain(s);
    }
    for (const s of ['mmops diag trends', 'error_type', 'thresholds', 'mmops rules render', 'retention'])
      expect(text('weekly'), s).toContain(s);
    for (const s of [
      'check performance',
      'predict_linear',
      'promtool check rules',
      '/api/health',
      'Dashboards',
    ])
      expect(text('monthly'), s).toContain(s);
    for (const s of [
      'htop',
      'iostat',
      "date_trunc('minute', timestamp)",
      'SELECT * FROM pg_stat_activity;',
    ]) {
      expect(text('high-latency'), s).toContain(s);
    }
    for (const s of ['tail -n 100', 'error.log', 'mmops check quality', 'mmops diag model'])
      expect(text('high-error-rate'), s).toContain(s);
    for (const s of [
      'ps aux --sort=-%mem',
      'ps aux --sort=-%cpu',
      'df -h',
      'du -sh',
      '/proc/meminfo',
      'nproc',
    ]) {
      expect(text('resource-constraints'), s).toContain(s);
    }
    expect(text('data-drift')).toContain('mmops check drift');
    expect(text('data-quality')).toContain('mmops check quality');
    expect(text('model-performance')).toContain('mmops check performance');
  });

  it('every step running an mmops diagnostic judges its exit code by the contract (expect.finding)', () => {
    const { runbooks } = loadRunbooks([DIR]);
    const diag = /\bmmops (status|alerts|diag \w+|check \w+)/;
    let n = 0;
    for (const rb of runbooks) {
      for (const s of rb.steps) {
        if (!s.action || !['sh', 'bash'].includes(s.action.lang) || !diag.test(s.action.code)) continue;
        n++;
        expect(s.action.attrs.expect?.finding, `${rb.id}: ${s.title}`).toBeDefined();
      }
    }
    expect(n).toBeGreaterThan(15);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsDocSchema, statusDocSchema } from '../../src/console/index.js';
import { ROOT } from '../helpers/run-cli.js';
import { fixture } from '../sources/fixture-servers.js';
import { mmopsConsole } from './cli-runner.js';

/** The engine report with nothing drifted. */
function calmReport() {
  const r = fixture('engine-report.json') as {
    drift: { columns: Array<{ drifted: boolean }>; driftedShare: number };
  };
  for (const c of r.drift.columns) c.drifted = false;
  r.drift.driftedShare = 0;
  return r;
}

/** Every module specifier reachable through static imports from a compiled file. */
function staticImports(file: string, seen = new Set<string>(), files = new Set<string>()): Set<string> {
  if (files.has(file)) return seen;
  files.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
    seen.add(m[1]!);
    if (m[1]!.startsWith('.')) staticImports(resolve(dirname(file), m[1]!), seen, files);
  }
  return seen;
}

import { alertmanagerHandler, engineHandler, serve, type TestServer } from '../sources/fixture-servers.js';
import { PANEL_TITLES } from './panel-titles.js';
import { serveFixtures } from './serve-fixtures.js';

let fx: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  fx = await serveFixtures();
});
afterAll(() => fx.close());

describe('mmops status', () => {
  it('prints every panel as text and exits 1 on a critical finding', async () => {
    const r = await mmopsConsole(['status'], fx.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mmops status {2}✖ CRIT/);
    for (const title of PANEL_TITLES) {
      expect(r.stdout).toContain(title);
    }
    // Prometheus figures: p95 120 ms is over the 100 ms warning level; a drifted share of 50 % is critical
    expect(r.stdout).toMatch(/Latency\s+▲ WARN\s+p50 45 ms {2}p95 120 ms ▲/);
    expect(r.stdout).toMatch(/Drift\s+✖ CRIT/);
    expect(r.stdout).toContain('HighPredictionLatency');
  });

  it('--json prints one document with the same models', async () => {
    const r = await mmopsConsole(['status', '--json'], fx.env);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      overall: 'critical',
      exitCode: 1,
      sources: { prometheus: { ok: true }, engine: { ok: true } },
    });
    // numbers, units and levels as data (issue 15 point 9), held to the schema the README documents
    expect(statusDocSchema.parse(doc)).toEqual(doc);
    expect(doc.panels.latency).toMatchObject({
      state: 'warning',
      stats: {
        p95: {
          value: 0.12,
          unit: 'seconds',
          level: 'warning',
          warning: 0.1,
          critical: 0.25,
          direction: 'above',
          text: '120 ms',
        },
      },
    });
    expect(doc.panels.quality.stats.score).toMatchObject({ value: 0.93, unit: 'ratio', level: 'ok' });
    expect(doc.panels.drift.rows.every((r: { drifted: unknown }) => typeof r.drifted === 'boolean')).toBe(
      true,
    );
    const latencyAlert = doc.alerts.find((a: { name: string }) => a.name === 'HighPredictionLatency');
    expect(latencyAlert).toMatchObject({ unit: 'seconds', warning: 0.1, critical: 0.25, direction: 'above' });
    expect(doc.alerts.map((a: { name: string }) => a.name)).toContain('HighDiskUtilization');
  });

  it('exits 3 when a source is unreachable, and still reports the rest', async () => {
    const r = await mmopsConsole(['status', '--json'], { ...fx.env, PROMETHEUS_URL: 'http://127.0.0.1:1' });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.sources.prometheus).toMatchObject({ ok: false, kind: 'unreachable' });
    // without Prometheus the engine report feeds the panels
    expect(doc.panels.quality.stats.score.value).toBe(0.91);
    expect(statusDocSchema.parse(doc)).toEqual(doc);
  });

  it('never says OK while blind: every source down is UNKNOWN, each named with its URL and reason', async () => {
    const down = {
      PROMETHEUS_URL: 'http://127.0.0.1:1',
      ALERTMANAGER_URL: 'http://127.0.0.1:2',
      ENGINE_URL: 'http://127.0.0.1:3',
    };
    const r = await mmopsConsole(['status'], down);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^mmops status {2}\? UNKNOWN/);
    expect(r.stdout).not.toContain('✔ OK');
    expect(r.stdout).toMatch(/prometheus\s+✖ UNREACHABLE +\S/);
    expect(r.stdout).toContain('http://127.0.0.1:3');
    // the base URL and the cause, spaced from the word (issue 12: "UNREACHABLEhttp://")
    expect(r.stdout).toMatch(/alertmanager ✖ UNREACHABLE {3}http:\/\/127\.0\.0\.1:2: ECONNREFUSED\n/);
    const alerts = await mmopsConsole(['alerts', '--json'], down);
    expect(alerts.code).toBe(3);
    expect(JSON.parse(alerts.stdout).state).toBe('unknown');
  });

  it('a Prometheus answering truncated JSON is a BAD-RESPONSE source, never OK', async () => {
    const broken = await serve(() => ({ status: 200, body: '{"status":"success","data":{"resultTy' }));
    const r = await mmopsConsole(['status'], { ...fx.env, PROMETHEUS_URL: broken.url });
    await broken.close();
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/prometheus\s+✖ BAD-RESPONSE +\S/);
    expect(r.stdout).not.toMatch(/^mmops status {2}✔ OK/);
  });

  it('exits 0 when everything is fine', async () => {
    const quiet: TestServer[] = [
      await serve(alertmanagerHandler({ alerts: [] })),
      await serve(engineHandler({ alerts: { alerts: [], history: [] }, report: calmReport() })),
      await serve((_req, url) =>
        url.pathname === '/api/v1/alerts'
          ? { status: 200, body: { status: 'success', data: { alerts: [] } } }
          : {
              status: 200,
              body: {
                status: 'success',
                data: { resultType: url.pathname.endsWith('range') ? 'matrix' : 'vector', result: [] },
              },
            },
      ),
    ];
    const r = await mmopsConsole(['status'], {
      ALERTMANAGER_URL: quiet[0]!.url,
      ENGINE_URL: quiet[1]!.url,
      PROMETHEUS_URL: quiet[2]!.url,
    });
    await Promise.all(quiet.map((s) => s.close()));
    expect(r.stdout).toMatch(/^mmops status {2}✔ OK/);
    expect(r.code).toBe(0);
  });

  it('--watch prints again until interrupted', async () => {
    const { execa } = await import('execa');
    const { ENTRY } = await import('./cli-runner.js');
    const p = execa(process.execPath, [ENTRY, 'status', '--json', '--watch', '0.3'], {
      env: fx.env,
      reject: false,
    });
    let out = '';
    p.stdout?.on('data', (c) => (out += c));
    for (let i = 0; i < 150 && out.split('\n').length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    p.kill('SIGINT');
    const r = await p;
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs.length).toBeGreaterThanOrEqual(2);
    expect(r.exitCode).toBe(1);
  });

  it('rejects a bad --watch', async () => {
    const r = await mmopsConsole(['status', '--watch', 'soon'], fx.env);
    expect(r.code).toBe(2);
  });
});

describe('mmops alerts', () => {
  it('lists the merged alerts and exits 1 when one fires', async () => {
    const r = await mmopsConsole(['alerts'], fx.env);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^mmops alerts {2}▲ WARN {2}4 active/);
    expect(r.stdout).toMatch(/✖ crit\s+pending\s+HighErrorRatio/);
    expect(r.stdout).toMatch(/▲ warn\s+silenced\s+HighDiskUtilization/);
  });

  it('--json', async () => {
    const r = await mmopsConsole(['alerts', '--json'], fx.env);
    const doc = JSON.parse(r.stdout);
    expect(alertsDocSchema.parse(doc)).toEqual(doc);
    for (const a of doc.alerts) expect(a.since === null || !Number.isNaN(Date.parse(a.since))).toBe(true);
    expect(doc.alerts.find((a: { name: string }) => a.name === 'HighPredictionLatency').sources).toEqual([
      'prometheus',
      'alertmanager',
    ]);
    expect(doc.exitCode).toBe(1);
  });

  it('exits 3 when the engine is unreachable', async () => {
    const r = await mmopsConsole(['alerts'], { ...fx.env, ENGINE_URL: 'http://127.0.0.1:1' });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('sources not answering');
  });

  it('status and alerts never import Ink or React (start-up stays fast)', () => {
    for (const entry of ['cli/status.js', 'cli/alerts.js']) {
      const seen = staticImports(join(ROOT, 'dist', entry));
      expect(
        [...seen].filter((m) => /^(ink|react|@alcalzone)/.test(m)),
        entry,
      ).toEqual([]);
      expect(seen.has('../console/index.js') || [...seen].some((m) => m.endsWith('console/index.js'))).toBe(
        true,
      );
    }
  });
});

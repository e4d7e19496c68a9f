/**
 * `mmops demo --no-console` with Debian's PostgreSQL 15: the demo starts it, the engine writes the simulator's
 * records into it, and the high-latency runbook's SQL steps and the weekly cleanup run against it and are
 * judged (not skipped). Ctrl-C stops it and removes its data dir.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/runbook/index.js';
import { tempDir } from '../engine/helpers/engine.js';
import { mmops } from '../helpers/run-cli.js';
import { eventually, spawnMmops } from './helpers/long-running.js';

const count = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  try {
    await c.connect();
    return Number((await c.query('SELECT count(*) AS n FROM predictions')).rows[0].n);
  } catch {
    return 0;
  } finally {
    await c.end().catch(() => {});
  }
};

describe('mmops demo with PostgreSQL', () => {
  it("stores the simulator's records and the runbooks' SQL runs against them", async () => {
    const home = tempDir('mmops-demo-store-home-');
    const demo = spawnMmops(['demo', '--no-console', '--rate', '50'], {
      HOME: home.dir,
      PATH: process.env.PATH ?? '',
    });
    let pgUrl: string | undefined;
    try {
      await eventually(async () => /demo: simulator sending/.test(demo.err()), 60_000, 'the demo to start');
      const url = /demo: postgres on (\S+)/.exec(demo.err())?.[1];
      expect(url, demo.err()).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      await eventually(async () => (await count(url!)) >= 100, 30_000, 'records in predictions');
      const engine = /demo: engine on (\S+)/.exec(demo.err())?.[1] ?? '';
      const prometheus = /demo: prometheus on (\S+)/.exec(demo.err())?.[1];
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: home.dir,
        DATABASE_URL: url!,
        ENGINE_URL: engine,
        ...(prometheus ? { PROMETHEUS_URL: prometheus } : {}),
      };
      const latency = await mmops(['runbook', 'run', 'high-latency', '--yes', '--json'], env);
      const steps = (JSON.parse(latency.stdout) as RunRecord).steps;
      const status = (title: string) => steps.find((s) => s.title === title);
      for (const title of ['Review request volume', 'Slowest minutes', 'Check database performance']) {
        expect(['PASS', 'WARN'], `${title}: ${JSON.stringify(status(title))}`).toContain(
          status(title)?.status,
        );
      }
      expect(status('Review request volume')?.stdout).toMatch(/^count\tminute\n\d+\t/);
      expect(status('Check database performance')?.stdout).toContain('mmops-store');
      const weekly = await mmops(['runbook', 'run', 'weekly', '--yes', '--json'], env);
      const cleanup = (JSON.parse(weekly.stdout) as RunRecord).steps.find(
        (s) => s.title === 'Clean up old metrics',
      );
      expect(cleanup, weekly.stderr).toMatchObject({ status: 'PASS', reason: 'no data' });
      const accuracy = (JSON.parse(weekly.stdout) as RunRecord).steps.find(
        (s) => s.title === 'Accuracy by day and model',
      );
      expect(accuracy?.status).not.toBe('SKIPPED');
      pgUrl = url;
    } finally {
      demo.child.kill('SIGINT');
    }
    const r = await demo.child;
    expect(r.exitCode).toBe(0);
    // the demo's PostgreSQL went with it
    const after = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
    after.on('error', () => {});
    await expect(after.connect()).rejects.toThrow();
    home.remove();
  }, 180_000);
});

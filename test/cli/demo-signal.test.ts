/**
 * `mmops demo --no-console` stopped by a signal while its servers are still starting: whatever had started
 * stops, PostgreSQL included, and the temp dirs go. Before, a SIGINT or SIGTERM in the first two seconds took
 * Node's default action and left PostgreSQL running with its data dir behind.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers/engine.js';
import { alive, descendants } from '../helpers/process.js';
import { eventually, spawnMmops } from './helpers/long-running.js';

describe('mmops demo, stopped while it starts', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} right after PostgreSQL is up stops it and removes its dirs`, async () => {
      const home = tempDir('mmops-demo-signal-home-');
      const demo = spawnMmops(['demo', '--no-console'], { HOME: home.dir, PATH: process.env.PATH ?? '' });
      // the signal lands while the engine, Alertmanager and Prometheus are still to start
      await eventually(async () => /demo: postgres on \S+/.test(demo.err()), 60_000, 'postgres up').catch(
        async (e) => {
          demo.child.kill('SIGTERM'); // not left running when it never got there
          await demo.child;
          throw new Error(`${e}\n${demo.err()}`);
        },
      );
      // this demo's PostgreSQL by its process: its port (5432 when free) may be another demo's by the end
      const postgres = descendants(demo.child.pid!).filter((p) => /postgres -D/.test(p.cmd));
      expect(postgres.length, demo.err()).toBeGreaterThan(0);
      demo.child.kill(signal);
      const r = await demo.child;
      const err = demo.err();
      expect(r.exitCode, err).toBe(0);
      expect(err).toMatch(/demo: stopped (\d+)\/\1 in/);
      expect(
        postgres.filter((p) => alive(p.pid)).map((p) => p.cmd),
        err,
      ).toEqual([]);
      const pgData = /postgres -D (\S+)/.exec(postgres[0]!.cmd)![1]!;
      expect(existsSync(pgData), pgData).toBe(false);
      const data = /data in (\S+)\)/.exec(err)?.[1];
      if (data) expect(existsSync(data), data).toBe(false);
      home.remove();
    }, 90_000);
  }
});

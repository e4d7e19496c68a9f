/**
 * `mmops demo --no-console` through the real binary: engine + simulator (+ Prometheus and Alertmanager,
 * installed in CI), status lines, faults switched from stdin (the engine fault stopping and restarting the
 * engine), and Ctrl-C removing the temp dirs.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers/engine.js';
import { eventually, spawnMmops } from './helpers/long-running.js';

describe('mmops demo --no-console', () => {
  it('runs the loop, takes fault commands, and cleans up on SIGINT', async () => {
    const home = tempDir('mmops-demo-home-');
    const demo = spawnMmops(['demo', '--no-console', '--rate', '50'], {
      HOME: home.dir,
      PATH: process.env.PATH ?? '',
    });
    try {
      await eventually(async () => /^records \d+ \| quality/m.test(demo.err()), 30_000, 'a status line');
      // drift not judged yet (the demo judges it from 1,000 records): the line says why, not "-%"
      expect(demo.err()).toMatch(/^records \d+ \| .*drifted - \(too few records to judge: \d+ of 1000/m);
      demo.child.stdin?.write('fault drift on\n');
      await eventually(
        async () => demo.err().includes('ok: switched on drift; on now: drift'),
        5000,
        'the fault reply',
      );
      // the engine fault stops the demo's engine and starts it again on the same port
      const engine = /demo: engine on (http:\S+)/.exec(demo.err())![1]!;
      const up = () =>
        fetch(`${engine}/health`).then(
          () => true,
          () => false,
        );
      demo.child.stdin?.write('fault engine on\n');
      await eventually(async () => !(await up()), 15_000, 'the engine stopped');
      await eventually(
        async () => demo.err().includes('demo: engine stopped (fault engine on)'),
        15_000,
        'the stop said',
      );
      demo.child.stdin?.write('fault engine off\n');
      await eventually(up, 30_000, 'the engine back on its port');
      expect(demo.err()).toContain(`demo: engine started again on ${engine}`);
      const prom = /demo: prometheus on (http:\S+)/.exec(demo.err());
      if (prom) {
        await eventually(
          async () => {
            const res = await fetch(`${prom[1]}/api/v1/query?query=market_master_predictions_total`);
            const body = (await res.json()) as { data: { result: unknown[] } };
            return body.data.result.length > 0;
          },
          20_000,
          'Prometheus scraping the engine',
        );
      }
    } finally {
      demo.child.kill('SIGINT');
    }
    const r = await demo.child;
    expect(r.exitCode).toBe(0);
    const dir = /data in (\S+)\)/.exec(demo.err())?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
    home.remove();
  });
});

/** End to end: the real binary in a detached tmux session, against the fixture servers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';
import { tmuxServer } from '../helpers/tmux.js';
import { ENTRY } from './cli-runner.js';
import { PANEL_TITLES } from './panel-titles.js';
import { serveFixtures } from './serve-fixtures.js';

let fx: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  fx = await serveFixtures();
});
afterAll(() => fx?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mmops console in tmux', () => {
  for (const [cols, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`${cols}x${rows}: header, panels and footer; ? shows help; q quits and restores the screen`, async () => {
      const t = tmuxServer(`mmops-e2e-${process.pid}-${cols}`, 'e2e');
      const env = Object.entries({
        ...fx.env,
        HOME: '/nonexistent',
        TERM: 'xterm-256color',
        PATH: process.env.PATH ?? '',
      })
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const cmd = `cd ${ROOT} && env -i ${env} ${process.execPath} ${ENTRY} console; echo EXIT=$?; sleep 60`;
      try {
        t.run('new-session', '-d', '-s', 'e2e', '-x', String(cols), '-y', String(rows), cmd);
        const screen = await t.waitFor(
          // every source in: the fixture Prometheus does not tag combined queries, so it answers last
          // at 80 columns a healthy source is its name and mark only (`prom✔`)
          (s) => /engine ?✔/.test(s) && /prom ?✔/.test(s) && s.includes('DataDrift'),
          'the first data',
        );
        const lines = screen.replace(/\n+$/, '').split('\n');
        expect(lines.length).toBeLessThanOrEqual(rows);
        expect(lines[0]).toMatch(/^mmops {2}✖ CRIT {2}\[1 Overview\] {2}prom ?✔/);
        for (const title of PANEL_TITLES) {
          expect(screen).toContain(title);
        }
        expect(lines.at(-1)).toContain('q quit');
        // a second refresh must not shift the frame: the header stays on the first line
        await sleep(2500);
        expect(t.capture().split('\n')[0]).toMatch(/^mmops /);

        t.run('send-keys', '-t', 'e2e', '?');
        await t.waitFor((s) => s.includes('mmops console — keys'), 'the help');
        t.run('send-keys', '-t', 'e2e', 'Escape');
        await t.waitFor((s) => !s.includes('mmops console — keys'), 'the help to close');
        t.run('send-keys', '-t', 'e2e', 'q');
        const after = await t.waitFor((s) => s.includes('EXIT=0'), 'the exit');
        expect(after).not.toContain('Data quality'); // back on the normal screen
      } finally {
        t.kill();
      }
    });
  }
});

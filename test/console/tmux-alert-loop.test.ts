/**
 * End to end, as an operator would, with the real demo stack (engine, simulator, Prometheus, Alertmanager):
 * HighPredictionLatency is selected and stays selected while other alerts join the list, is acked (the row
 * says "acked by alice@host"), its detail opens (the ack, its runbook), ⏎ in the detail walks its runbook
 * to the FAIL, and the Runbooks view resumes that run (R) from the failed step with the same params; the
 * journal links both runs to the alert and the detail lists them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readJournal } from '../../src/runbook/index.js';
import { requireBinary } from '../helpers/prometheus.js';
import { ROOT } from '../helpers/run-cli.js';
import { tmuxServer } from '../helpers/tmux.js';
import { ENTRY } from './cli-runner.js';

const homes: string[] = [];
const servers: Array<{ kill(): void }> = [];
afterAll(() => {
  for (const t of servers) t.kill();
  for (const h of homes) rmSync(h, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

const selected = (screen: string) => screen.split('\n').find((l) => l.includes('›')) ?? '';
const alertRows = (screen: string) => screen.split('\n').filter((l) => /^│ [ ›] │ [✖▲]/.test(l));

// the pane's text as one line: what wraps at 80 columns reads as at 120
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

it.each([
  [120, 40],
  [80, 24],
])(
  'at %ix%i: follows an alert through a change of the list, acks it, opens its detail and resumes its run',
  async (columns, rows) => {
    const home = mkdtempSync(join(tmpdir(), 'mmops-loop-e2e-'));
    homes.push(home);
    const t = tmuxServer(`mmops-loop-${process.pid}-${columns}`, 'loop');
    servers.push(t);
    const { keys, waitFor } = t;
    requireBinary('prometheus');
    requireBinary('alertmanager');
    const env = Object.entries({
      HOME: home,
      TERM: 'xterm-256color',
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      MMOPS_AUTHOR: 'alice@host',
    })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const cmd = `cd ${ROOT} && env -i ${env} ${process.execPath} ${ENTRY} demo; echo EXIT=$?; sleep 60`;
    t.run('new-session', '-d', '-s', 'loop', '-x', String(columns), '-y', String(rows), cmd);
    await waitFor((s) => /prom ?✔/.test(s) && /am ?✔/.test(s), 'the demo console', 60_000);

    keys('f');
    await waitFor((s) => s.includes('fault (drift latency'), 'the fault prompt');
    keys('latency on', 'Enter');
    keys('5');
    await waitFor((s) => /firing +│ HighPredict/.test(s), 'HighPredictionLatency firing', 120_000);
    // select it by moving down the list (no filter: the list as the operator sees it)
    for (let i = 0; i < 15 && !selected(t.capture()).includes('HighPredict'); i++) {
      const before = selected(t.capture());
      keys('j');
      await waitFor((s) => selected(s) !== before, 'the selection to move');
    }
    const chosen = t.capture();
    expect(selected(chosen)).toContain('HighPredict');
    const rowsBefore = alertRows(chosen).length;

    // more alerts join the list (errors): the selection stays on HighPredictionLatency, wherever its row goes
    keys('f');
    await waitFor((s) => s.includes('fault (drift latency'), 'the fault prompt');
    keys('errors on', 'Enter');
    const changed = await waitFor(
      (s) => alertRows(s).length > rowsBefore,
      'another alert in the list',
      120_000,
    );
    expect(selected(changed)).toContain('HighPredict');

    keys('a');
    await waitFor((s) => s.includes('ack alertname="HighPredictionLatency"'), 'the ack prompt');
    keys('on it', 'Enter');
    await waitFor((s) => s.includes('acked HighPredictionLatency'), 'the ack');
    // the state says acked at any width; the summary says who where it has room
    const acked = await waitFor(
      (s) => /acked +│ HighPredict/.test(s) && (columns < 120 || s.includes('acked by alice@host')),
      'the row acked by alice@host',
      30_000,
    );
    expect(selected(acked)).toContain('HighPredict');

    keys('d');
    const detail = await waitFor((s) => s.includes('Alert detail'), 'the detail');
    expect(detail).toMatch(/HighPredictionLatency +critical/);
    expect(flat(detail)).toContain('acked by alice@host');
    expect(flat(detail)).toContain('acked in alertmanager by alice@host: on it');

    keys('Enter'); // ⏎ in the detail: the runbook
    await waitFor((s) => s.includes('High prediction latency') && s.includes('1. What fired'), 'the runbook');
    keys('a'); // run remaining: the p95 step fails on the injected latency
    const stopped = await waitFor((s) => s.includes('stopped at step'), 'the stop at the FAIL', 90_000);
    expect(stopped).toMatch(/✖ (FAIL )?2\. Latency now \(p95\)/);
    keys('Escape');
    await waitFor((s) => s.includes('run saved:'), 'the run to be saved');
    const journalDir = join(home, '.local', 'share', 'mmops', 'journal');
    const first = readJournal(journalDir).entries.at(-1)!;
    expect(first.runbook.id).toBe('high-latency');
    expect(first.alert?.labels.alertname).toBe('HighPredictionLatency');
    expect(first.alert?.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    // the Runbooks view: R on high-latency resumes that run at its FAIL, with its params and alert
    keys('6');
    await waitFor((s) => s.includes('[6 Runbooks]'), 'the runbooks view');
    keys('/');
    keys('high-latency', 'Enter');
    await waitFor((s) => selected(s).includes('high-latency'), 'high-latency selected');
    keys('R');
    const resumed = await waitFor((s) => s.includes(`resuming ${first.runId}`), 'the resume');
    expect(resumed).toMatch(/✔ (PASS )?1\. What fired/); // carried over from the run it resumes
    keys('Enter'); // runs step 2 again
    await waitFor(
      (s) => /✖ (FAIL )?2\. Latency now/.test(s) && !s.includes('RUNNING'),
      'step 2 again',
      60_000,
    );
    keys('Escape');
    await waitFor((s) => s.includes('run saved:'), 'the resumed run saved');
    const second = readJournal(journalDir).entries.at(-1)!;
    expect(second.resumedFrom).toBe(first.runId);
    expect(second.alert?.fingerprint).toBe(first.alert?.fingerprint);
    expect(second.params).toEqual(first.params);
    expect(second.steps[0]?.status).toBe('PASS');

    // back on the alert (the filter cleared): its detail lists both runs
    keys('/');
    await waitFor((s) => s.trimEnd().endsWith('/high-latency'), 'the filter prompt');
    keys('Escape'); // clears the filter (a key sent with it would read as Alt+key)
    await waitFor((s) => !s.includes('/high-latency') && s.includes('daily'), 'the filter cleared');
    keys('5');
    await waitFor((s) => s.includes('[5 Alerts]') && selected(s).includes('HighPredict'), 'the alert');
    keys('d');
    keys('G'); // the end of the pane: runs and history
    const runs = await waitFor((s) => s.includes('runs from this alert (2)'), 'the two runs in the detail');
    expect(flat(runs)).toContain(`resumes ${first.runId}`);

    keys('q');
    await waitFor((s) => s.includes('EXIT=0'), 'the demo to exit', 90_000); // it stops PostgreSQL too
  },
  420_000,
);

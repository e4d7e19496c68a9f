/**
 * End to end, as an operator would: `mmops demo` in tmux (engine, simulator, real Prometheus and
 * Alertmanager), a latency fault switched on with `f`, its alert opened with Enter, the high-latency
 * runbook walked: steps run and show their output, run-remaining stops at the FAIL, Esc journals the run.
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

const home = mkdtempSync(join(tmpdir(), 'mmops-walk-e2e-'));
const t = tmuxServer(`mmops-walk-${process.pid}`, 'walk');
const { keys, waitFor } = t;

afterAll(() => {
  t.kill();
  rmSync(home, { recursive: true, force: true });
});

it('a latency fault raises an alert whose runbook opens, runs its steps and is journalled', async () => {
  requireBinary('prometheus');
  const env = Object.entries({
    HOME: home,
    TERM: 'xterm-256color',
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
  })
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const cmd = `cd ${ROOT} && env -i ${env} ${process.execPath} ${ENTRY} demo; echo EXIT=$?; sleep 60`;
  t.run('new-session', '-d', '-s', 'walk', '-x', '120', '-y', '40', cmd);
  await waitFor((s) => s.includes('prom ✔') && s.includes('engine ✔'), 'the demo console', 60_000);

  keys('f');
  await waitFor((s) => s.includes('fault (drift latency'), 'the fault prompt');
  keys('latency on', 'Enter');
  keys('5');
  await waitFor((s) => /firing +│ HighPredictionLatency/.test(s), 'HighPredictionLatency firing', 90_000);
  keys('/');
  keys('HighPredictionLatency', 'Enter');
  await waitFor((s) => s.includes('filter: /HighPredictionLatency'), 'the filter');
  keys('Enter');
  const footer = (s: string) => s.trimEnd().split('\n').at(-1) ?? '';
  const opened = await waitFor(
    (s) => s.includes('High prediction latency') && footer(s).includes('⏎ run  a run all'),
    'the runbook and its footer',
  );
  expect(opened).toContain('1. What fired');
  expect(footer(opened)).toContain('⏎ run  a run all');

  keys('Enter'); // runs step 1: it prints the alert labels it received
  const first = await waitFor((s) => s.includes('✔ PASS 1. What fired'), 'step 1');
  expect(first).toContain('alert: HighPredictionLatency');
  expect(first).toContain('MMOPS_ALERT_ALERTNAME=HighPredictionLatency');

  keys('a'); // run remaining: the p95 step fails on the injected latency, and the run stops there
  const stopped = await waitFor((s) => s.includes('stopped at step'), 'the stop at the FAIL', 60_000);
  expect(stopped).toMatch(/✖ FAIL 2\. Latency now \(p95\)/);
  expect(stopped).toMatch(/not below 250 ms/);
  expect(stopped).toMatch(/· +3\. Latency by model/); // not run: the stop is at the first FAIL
  for (const line of stopped.replace(/\n+$/, '').split('\n')) expect(line.length).toBeLessThanOrEqual(120);

  keys('Escape');
  await waitFor((s) => s.includes('run saved:'), 'the run to be saved');
  const entry = readJournal(join(home, '.local', 'share', 'mmops', 'journal')).entries.at(-1);
  expect(entry?.runbook.id).toBe('high-latency');
  expect(entry?.labels.alertname).toBe('HighPredictionLatency');
  expect(entry?.steps.slice(0, 3).map((s) => s.status)).toEqual(['PASS', 'FAIL', 'SKIPPED']);

  keys('q');
  await waitFor((s) => s.includes('EXIT=0'), 'the demo to exit', 30_000);
}, 240_000);

/**
 * `mmops gameday`: the short form against a real demo (engine, simulator, Prometheus, Alertmanager), and
 * the pure judge on a table of polls.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../src/cli/gameday.js';
import {
  healthyFindings,
  judgeFault,
  neverFired,
  type Observation,
  OPT_IN_FAULTS,
  sourcesOf,
} from '../../src/cli/gameday-plan.js';
import { BIN, mmops } from '../helpers/run-cli.js';

const none = () => ({ prometheus: [], alertmanager: [], engine: [] }) as Observation['firing'];
const poll = (at: number, firing: Partial<Observation['firing']> = {}): Observation => ({
  at,
  firing: { ...none(), ...firing },
  pending: none(),
});

describe('the game day judge', () => {
  it('times detection from the first source to fire and clearing until no source fires', () => {
    const during = [
      poll(0),
      poll(14, { engine: ['HighPredictionLatency'] }),
      poll(30, { prometheus: ['HighPredictionLatency'], engine: ['HighPredictionLatency'] }),
    ];
    const after = [poll(0, { prometheus: ['HighPredictionLatency'] }), poll(61)];
    const row = judgeFault('latency', during, after);
    expect(row).toMatchObject({ ok: true, detectSeconds: 14, clearSeconds: 61, problems: [] });
    expect(row.detectBySource).toEqual({ engine: 14, prometheus: 30 });
  });

  it('names what never fired, what fired late and what never cleared', () => {
    expect(judgeFault('errors', [poll(0), poll(120)], [poll(0)]).problems).toEqual([
      'HighErrorRatio never fired',
    ]);
    const stuck = judgeFault(
      'errors',
      [poll(5, { engine: ['HighErrorRatio'] })],
      [poll(240, { engine: ['HighErrorRatio'] })],
    );
    expect(stuck.problems).toEqual(['still firing when the wait ended']);
    const late = judgeFault('errors', [poll(90, { engine: ['HighErrorRatio'] })], [poll(200)]);
    expect(late.problems).toEqual(['fired after 90 s (target 60 s)', 'cleared after 200 s (target 120 s)']);
  });

  it('a busy host is reported apart from the service; unproven alerts are named', () => {
    // cpu and memory are the demo's own budgets (judged); the disk is the host's (reported apart)
    const h = healthyFindings([
      poll(0, { engine: ['HighDiskUtilization', 'HighCpuUtilization', 'HighErrorRatio'] }),
    ]);
    expect(h).toEqual({
      service: ['HighCpuUtilization (engine)', 'HighErrorRatio (engine)'],
      host: ['HighDiskUtilization (engine)'],
    });
    const row = judgeFault('latency', [poll(5, { engine: ['HighPredictionLatency'] })], [poll(1)]);
    expect(
      neverFired(['HighPredictionLatency', 'HighDiskUtilization', 'HighQueueUtilization'], [row]),
    ).toEqual([
      { alert: 'HighDiskUtilization', provenBy: expect.stringContaining('promtool') },
      { alert: 'HighQueueUtilization', provenBy: null },
    ]);
    // an engine cannot report itself down: EngineDown is waited for in Prometheus and Alertmanager only
    const all = ['engine', 'prometheus', 'alertmanager'] as const;
    expect(sourcesOf('EngineDown', new Set(['HighErrorRatio']), new Set(['EngineDown']), all)).toEqual([
      'prometheus',
      'alertmanager',
    ]);
    expect(
      sourcesOf('PredictionErrorBurst', new Set(['PredictionErrorBurst']), new Set(['EngineDown']), all),
    ).toEqual(['engine']);
  });
});

describe('the default run', () => {
  it('runs every fault of the plan but the opt-in ones, which --faults still accepts', () => {
    const all = parseFaults(undefined, false);
    expect(all).toEqual(expect.arrayContaining(['queue', 'memory', 'engine', 'quality']));
    expect(all).not.toContain('cpu');
    expect(OPT_IN_FAULTS.cpu).toMatch(/shared host/);
    expect(parseFaults('cpu', false)).toEqual(['cpu']);
    expect(parseFaults(undefined, true)).toEqual(['latency']);
  });
});

describe('mmops gameday', () => {
  it('an unknown fault is refused with the valid ones', async () => {
    const r = await mmops(['gameday', '--faults', 'latency,nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--faults nope: unknown game day fault; allowed: latency, errors/);
  });

  it('the short form: latency fires within 60 s and clears within 120 s, the healthy phase quiet', {
    timeout: 360_000,
  }, async () => {
    // the real binary with this machine's PATH, so the demo finds Debian's Prometheus and Alertmanager
    const run = await execa(process.execPath, [BIN, 'gameday', '--short', '--healthy', '10', '--json'], {
      reject: false,
      timeout: 330_000,
      env: { HOME: mkdtempSync(join(tmpdir(), 'mmops-home-')) },
    });
    const r = { code: run.exitCode, stdout: run.stdout, stderr: run.stderr };
    expect(r.stdout, `exit ${r.code}: ${r.stderr.slice(-2000)}`).toMatch(/^\{/);
    const doc = JSON.parse(r.stdout) as {
      ok: boolean;
      healthy: { fired: string[] };
      rows: Array<{
        fault: string;
        ok: boolean;
        detectSeconds: number;
        clearSeconds: number;
        problems: string[];
      }>;
    };
    expect(doc.healthy.fired).toEqual([]);
    expect(r.stderr).toMatch(/gameday: demo engine http:\/\/127\.0\.0\.1:\d+, prometheus http/);
    expect(doc.rows).toHaveLength(1);
    const [row] = doc.rows;
    expect(row, row!.problems.join('; ')).toMatchObject({ fault: 'latency', ok: true });
    expect(row!.detectSeconds).toBeLessThanOrEqual(60);
    expect(row!.clearSeconds).toBeLessThanOrEqual(120);
    expect(r.code).toBe(0);
    // the drill: each alert names its runbook
    expect(r.stderr).toMatch(
      /HighPredictionLatency fired \(\w+\): open its runbook: mmops runbook show high-latency/,
    );
  });
});

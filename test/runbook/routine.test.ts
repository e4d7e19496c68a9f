import { describe, expect, it } from 'vitest';
import {
  overallStatus,
  type RoutineRun,
  RunSession,
  routineStatus,
  type StepRecord,
} from '../../src/runbook/index.js';
import { realDeps, run, runbook, unattended } from './helpers.js';

const schedule = { daily: '24h', weekly: '7d', monthly: '30d' };
const now = Date.parse('2025-03-10T12:00:00Z');
type Step = Pick<StepRecord, 'status' | 'reason' | 'unreachable' | 'unjudged'>;
const ok: Step = { status: 'PASS', reason: 'ok' };
const warn: Step = { status: 'WARN', reason: 'exit code 1: a warning-level finding' };
const fail: Step = { status: 'FAIL', reason: 'exit code 1: a critical finding' };
const entry = (kind: string, finishedAt: string, steps: Step[], extra: Partial<RoutineRun> = {}) => ({
  runbook: { id: kind, kind },
  finishedAt,
  steps,
  ...extra,
});

describe('routineStatus: only a done run resets the clock', () => {
  it('ok, due, overdue and never, from the latest done run of each kind', () => {
    const states = routineStatus(
      [
        entry('daily', '2025-03-08T09:00:00Z', [ok]),
        entry('daily', '2025-03-09T13:00:00Z', [ok, warn]),
        entry('weekly', '2025-03-02T11:00:00Z', [ok]),
        entry('alert', '2025-03-10T11:00:00Z', [ok]),
      ],
      schedule,
      now,
    );
    expect(states).toEqual([
      {
        kind: 'daily',
        state: 'ok',
        lastRun: { runbook: 'daily', at: '2025-03-09T13:00:00Z', status: 'WARN', done: true },
        lastDone: { runbook: 'daily', at: '2025-03-09T13:00:00Z', status: 'WARN' },
        dueAt: '2025-03-10T13:00:00.000Z',
      },
      {
        kind: 'weekly',
        state: 'due',
        lastRun: { runbook: 'weekly', at: '2025-03-02T11:00:00Z', status: 'PASS', done: true },
        lastDone: { runbook: 'weekly', at: '2025-03-02T11:00:00Z', status: 'PASS' },
        dueAt: '2025-03-09T11:00:00.000Z',
      },
      { kind: 'monthly', state: 'never', lastRun: null, lastDone: null, dueAt: null },
    ]);
    expect(routineStatus([entry('daily', '2025-03-08T11:00:00Z', [ok])], schedule, now)[0]!.state).toBe(
      'overdue',
    );
  });

  it('a later run that FAILed, could not reach its sources, or ended early does not make it done', () => {
    const earlier = entry('daily', '2025-03-09T09:00:00Z', [ok]); // 27 h ago: due
    for (const [steps, status] of [
      [[ok, fail], 'FAIL'],
      [[ok, { status: 'SKIPPED', reason: 'unreachable: x', unreachable: 'x' }], 'UNREACHABLE'],
      [[ok, { status: 'SKIPPED', reason: 'not run', unjudged: 'not reached' }], 'INCOMPLETE'],
      [
        [ok, { status: 'SKIPPED', reason: 'skipped by the operator', unjudged: 'by the operator' }],
        'INCOMPLETE',
      ],
    ] as [Step[], string][]) {
      const [daily] = routineStatus([earlier, entry('daily', '2025-03-10T11:00:00Z', steps)], schedule, now);
      expect(daily).toMatchObject({
        state: 'due',
        lastRun: { at: '2025-03-10T11:00:00Z', status, done: false },
        lastDone: { at: '2025-03-09T09:00:00Z', status: 'PASS' },
      });
    }
    // runs, but none done: due now (not "never run")
    const [only] = routineStatus([entry('daily', '2025-03-10T11:00:00Z', [fail])], schedule, now);
    expect(only).toMatchObject({ state: 'due', lastDone: null, dueAt: null, lastRun: { status: 'FAIL' } });
  });

  it('a FAILed run the operator signed off with a note counts as done', () => {
    const signOff = {
      note: 'grafana down for maintenance, checked by hand',
      user: 'alice',
      at: '2025-03-10T11:30:00Z',
    };
    const [daily] = routineStatus(
      [entry('daily', '2025-03-10T11:00:00Z', [ok, fail], { signOff })],
      schedule,
      now,
    );
    expect(daily).toMatchObject({
      state: 'ok',
      lastDone: { status: 'FAIL', signedOff: signOff.note },
      lastRun: { done: true },
    });
  });

  it('journal lines written before `unjudged` existed: "not run" still reads as INCOMPLETE', () => {
    expect(overallStatus([ok, { status: 'SKIPPED', reason: 'not run' }])).toBe('INCOMPLETE');
    expect(overallStatus([ok, { status: 'SKIPPED', reason: 'not reached: step 1 failed' }])).toBe(
      'INCOMPLETE',
    );
    expect(overallStatus([ok, { status: 'SKIPPED', reason: 'manual step, unattended run' }])).toBe('PASS');
  });
});

describe('real runs: what the runner records decides the routine', () => {
  const md =
    '## a\n```sh\necho a\n```\n## b\n```sh\necho b\n```\n' +
    '## live\n```sh {"excludeFromRunAll": true}\necho never\n```\n## look\nA manual step.\n';

  it('an unattended run that skips only what the runbook allows (run-all exclusions, manual steps) is done', async () => {
    const { record } = await run(runbook(md));
    expect(record.steps.map((s) => s.status)).toEqual(['PASS', 'PASS', 'SKIPPED', 'SKIPPED']);
    expect(record.status).toBe('PASS');
    const [daily] = routineStatus([{ ...record, finishedAt: '2025-03-10T11:00:00Z' }], schedule, now);
    expect(daily!.state).toBe('ok');
  });

  it('a walkthrough closed after one step is INCOMPLETE and leaves the routine due', async () => {
    const session = new RunSession(runbook(md), {
      operator: unattended,
      deps: realDeps(),
      env: { PATH: process.env.PATH },
    });
    session.start();
    await session.run(0);
    const record = session.finish();
    expect(record.status).toBe('INCOMPLETE');
    expect(record.steps[1]).toMatchObject({ status: 'SKIPPED', reason: 'not run', unjudged: 'not reached' });
    const [daily] = routineStatus([{ ...record, finishedAt: '2025-03-10T11:00:00Z' }], schedule, now);
    expect(daily).toMatchObject({ state: 'due', lastRun: { status: 'INCOMPLETE', done: false } });
  });

  it('a step the operator skipped leaves the run INCOMPLETE', async () => {
    const session = new RunSession(runbook(md), {
      operator: unattended,
      deps: realDeps(),
      env: { PATH: process.env.PATH },
    });
    session.start();
    session.skip(0);
    await session.runRemaining();
    const record = session.finish();
    expect(record.steps[0]).toMatchObject({ status: 'SKIPPED', unjudged: 'by the operator' });
    expect(record.status).toBe('INCOMPLETE');
  });

  it('a manual step the operator answers "s" leaves the run INCOMPLETE; unattended, it is skipped by design', async () => {
    const rb = runbook('## a\n```sh\ntrue\n```\n## look\nLook at the dashboard.\n');
    const operator = { ...unattended, attended: true, manual: async () => ({ status: 'SKIPPED' as const }) };
    const { record } = await run(rb, { operator });
    expect(record.steps[1]).toMatchObject({ status: 'SKIPPED', unjudged: 'by the operator' });
    expect(record.status).toBe('INCOMPLETE');
    expect((await run(rb)).record.status).toBe('PASS');
  });
});

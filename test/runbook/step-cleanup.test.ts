/**
 * Steps clean up after themselves (issue 17, defect 14): when a step's shell exits, what it left in its process
 * group is ended too; `background: true` keeps it until the run ends; `setsid` escapes, as README says.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gone, run, runbook, until } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmops-cleanup-'));
const escaped: number[] = [];
afterAll(() => {
  for (const pid of escaped) if (!gone(pid)) process.kill(pid, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const step = (code: string, attrs: object = {}) =>
  runbook(`## s\n\`\`\`sh ${JSON.stringify(attrs)}\n${code}\n\`\`\`\n`);
const pidIn = (file: string) => Number(readFileSync(join(tmp, file), 'utf8'));

describe('a step that leaves processes behind', () => {
  it('a nohup daemon is ended when the step PASSes', async () => {
    const { step: rec } = await run(step(`nohup sleep 302 >/dev/null 2>&1 & echo $! > ${tmp}/daemon.pid`));
    expect(rec.status).toBe('PASS');
    expect(await until(() => gone(pidIn('daemon.pid')))).toBe(true);
  });

  it('a child still holding stdout does not keep the step open until its timeout', async () => {
    const started = Date.now();
    const { step: rec } = await run(step('sleep 303 & echo $!', { timeout: '20s' }));
    expect(rec.status).toBe('PASS');
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(rec.stdout.trim());
    expect(await until(() => gone(pid))).toBe(true);
  });

  it('a child that ignores SIGTERM is killed after the grace period', async () => {
    // The step waits until the trap is set: a SIGTERM before it would end the child at once, proving nothing.
    const code = [
      `bash -c 'trap "" TERM; touch ${tmp}/trapped; exec sleep 305' >/dev/null 2>&1 & echo $! > ${tmp}/stubborn.pid`,
      `until [ -e ${tmp}/trapped ]; do sleep 0.05; done`,
    ].join('\n');
    const { step: rec } = await run(step(code));
    expect(rec.status).toBe('PASS');
    const ended = Date.now();
    expect(await until(() => gone(pidIn('stubborn.pid')), 8000)).toBe(true);
    expect(Date.now() - ended).toBeGreaterThan(1000); // it took the SIGKILL after the grace period
  });

  it('setsid escapes: a new session is a new group (README says so)', async () => {
    const code = [
      `setsid sleep 304 >/dev/null 2>&1 < /dev/null & echo $! > ${tmp}/escaped.pid`,
      // until setsid has made its session: a SIGTERM to the group before that would still reach it
      'until [ "$(ps -o sid= -p $!)" -eq "$!" ] 2>/dev/null; do sleep 0.05; done',
      `sleep 306 >/dev/null 2>&1 & echo $! > ${tmp}/sibling.pid`,
    ].join('\n');
    expect((await run(step(code))).step.status).toBe('PASS');
    escaped.push(pidIn('escaped.pid'));
    // The group was ended (its sibling is gone), and the setsid'd process was not in it.
    expect(await until(() => gone(pidIn('sibling.pid')))).toBe(true);
    expect(gone(pidIn('escaped.pid'))).toBe(false);
  });
});

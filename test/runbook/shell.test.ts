import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gone, run, runbook, SCRIPTS, until } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmops-shell-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCRIPTS_PARAM = `params:\n  scripts: ${SCRIPTS}\n  target: world\n`;

describe('shell steps on real scripts', () => {
  it('a script that hangs past its timeout FAILs and its whole process tree is killed', async () => {
    const pidfile = join(tmp, 'hang.pid');
    const rb = runbook(
      `## hang\n\`\`\`sh {"timeout": "1s"}\nbash "$MMOPS_PARAM_SCRIPTS/hang.sh"\n\`\`\`\n`,
      SCRIPTS_PARAM,
    );
    const started = Date.now();
    const { step } = await run(rb, { env: { PATH: process.env.PATH, PIDFILE: pidfile } });
    expect(step).toMatchObject({ status: 'FAIL', reason: 'timed out after 1s' });
    expect(step.stdout).toMatch(/^started grandchild \d+/);
    expect(Date.now() - started).toBeLessThan(5000);
    const grandchild = Number(readFileSync(pidfile, 'utf8'));
    expect(await until(() => gone(grandchild))).toBe(true);
  });

  it('escalates to SIGKILL for a tree that ignores SIGTERM', async () => {
    const pidfile = join(tmp, 'stubborn.pid');
    const rb = runbook(
      `## stubborn\n\`\`\`sh {"timeout": 1}\nbash "$MMOPS_PARAM_SCRIPTS/stubborn.sh"\n\`\`\`\n`,
      SCRIPTS_PARAM,
    );
    const { step } = await run(rb, { env: { PATH: process.env.PATH, PIDFILE: pidfile } });
    expect(step).toMatchObject({ status: 'FAIL', reason: 'timed out after 1s' });
    const grandchild = Number(readFileSync(pidfile, 'utf8'));
    expect(await until(() => gone(grandchild))).toBe(true);
  });

  it('a non-zero exit FAILs with the code; stdout and stderr are kept', async () => {
    const rb = runbook(`## fail\n\`\`\`sh\nbash "$MMOPS_PARAM_SCRIPTS/fail.sh"\n\`\`\`\n`, SCRIPTS_PARAM);
    const { step } = await run(rb);
    expect(step).toMatchObject({
      status: 'FAIL',
      reason: 'exit code 3 (expected 0)',
      exitCode: 3,
      stdout: 'checking the widget\n',
      stderr: 'widget is broken\n',
      command: 'bash "$MMOPS_PARAM_SCRIPTS/fail.sh"',
    });
  });

  it('a flood of stdout is streamed in full but kept capped, with a marker, head and tail', async () => {
    const rb = runbook(
      `## flood\n\`\`\`sh {"expect": {"matches": "END OF FLOOD"}}\nbash "$MMOPS_PARAM_SCRIPTS/flood.sh"\n\`\`\`\n`,
      SCRIPTS_PARAM,
    );
    const { step, events } = await run(rb, { outputCap: 64 * 1024 });
    const streamed = events.flatMap((e) => (e.type === 'output' ? [e.chunk] : [])).join('');
    expect(streamed.length).toBeGreaterThan(2_000_000);
    expect(step.status).toBe('PASS');
    expect(step.stdout.length).toBeLessThan(64 * 1024 + 100);
    expect(step.stdout).toMatch(/^line 0000001 of the flood/);
    expect(step.stdout).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
    expect(step.stdout.trimEnd().endsWith('END OF FLOOD')).toBe(true);
  });

  it('captures stderr separately and judges stdout', async () => {
    const rb = runbook(
      `## stderr\n\`\`\`sh {"expect": {"warnIfMatches": "WARNING"}}\nbash "$MMOPS_PARAM_SCRIPTS/stderr.sh"\n\`\`\`\n`,
      SCRIPTS_PARAM,
    );
    const { step, events } = await run(rb);
    expect(step).toMatchObject({ status: 'PASS', stdout: 'to stdout\n' });
    expect(step.stderr).toBe('WARNING: disk is getting full\nto stderr, second line\n');
    expect(events.some((e) => e.type === 'output' && e.stream === 'stderr')).toBe(true);
  });

  it('params and alert labels arrive as env vars and are never executed', async () => {
    const marker = join(tmp, 'pwned');
    const labels = {
      instance: `$(touch ${marker})`,
      job: `; touch ${marker}`,
      'alert-name': `\`touch ${marker}\``,
    };
    const rb = runbook(
      '## env\n```sh\necho "i=$MMOPS_ALERT_INSTANCE"\necho j=$MMOPS_ALERT_JOB\necho "a=$MMOPS_ALERT_ALERT_NAME t=$MMOPS_PARAM_TARGET"\n```\n',
      SCRIPTS_PARAM,
    );
    const { record, step } = await run(rb, { labels, params: { target: `$(touch ${marker})` } });
    expect(step.status).toBe('PASS');
    expect(step.stdout).toBe(
      `i=$(touch ${marker})\nj=; touch ${marker}\na=\`touch ${marker}\` t=$(touch ${marker})\n`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(record.labels).toEqual(labels);
    expect(record.params).toEqual({ scripts: SCRIPTS, target: `$(touch ${marker})` });
  });

  it('requires: a missing command, variable or file SKIPs the step with the reason', async () => {
    const rb = runbook(
      [
        '## io\n```sh {"requires": ["iostat"]}\niostat -x 1 1\n```',
        '## db\n```sh {"requires": ["$DATABASE_URL"]}\necho db\n```',
        '## log\n```sh {"requires": ["file:$MMOPS_PARAM_LOG"]}\ntail "$MMOPS_PARAM_LOG"\n```',
        '## sub\n```sh {"requires": ["bash --no-such-flag-at-all"]}\necho sub\n```',
        '## ok\n```sh {"requires": ["bash", "file:$MMOPS_PARAM_SCRIPTS/fail.sh"]}\necho ok\n```\n',
      ].join('\n'),
      `params:\n  log: /no/such/app.log\n  scripts: ${SCRIPTS}\n`,
    );
    // a PATH holding only bash: no iostat, whatever the machine has installed
    const bin = join(tmp, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(execFileSync('bash', ['-c', 'command -v bash']).toString().trim(), join(bin, 'bash'));
    const { record } = await run(rb, { env: { PATH: bin }, probe: async () => false });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['SKIPPED', 'iostat is not installed'],
      ['SKIPPED', 'DATABASE_URL is not set'],
      ['SKIPPED', '/no/such/app.log does not exist'],
      ['SKIPPED', 'bash --no-such-flag-at-all is not available'],
      ['PASS', 'exit code 0'],
    ]);
  });

  it('judges the last stdout line as a number, warn codes and text expectations', async () => {
    const rb = runbook(
      [
        '## count\n```sh {"expect": {"below": 10, "warnAbove": 2}}\necho "found:"\necho 3\n```',
        '## nan\n```sh {"expect": {"atLeast": 1}}\necho lots\n```',
        '## finding\n```sh {"expect": {"warnExitCode": 1}}\nexit 1\n```',
        '## grep\n```sh {"expect": {"notMatches": "ERROR"}}\necho "an ERROR line"\n```\n',
      ].join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb);
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['WARN', '3, above 2'],
      ['FAIL', 'output is not a number'],
      ['WARN', 'exit code 1'],
      ['FAIL', 'output matches /ERROR/: "an ERROR line"'],
    ]);
    expect(record.status).toBe('FAIL');
  });
});

describe('the runner', () => {
  const THREE =
    '## one\n```sh\necho one\n```\n## two\n```sh\nexit 4\n```\n## three\n```sh\necho three\n```\n';

  it('stops at the first FAIL; the rest are SKIPPED "not reached"', async () => {
    const { record } = await run(runbook(THREE));
    expect(record.steps.map((s) => s.status)).toEqual(['PASS', 'FAIL', 'SKIPPED']);
    expect(record.steps[2]!.reason).toBe('not reached: step 2 failed');
    expect(record.status).toBe('FAIL');
  });

  it('keeps going when told to', async () => {
    const { record } = await run(runbook(THREE), { continueOnFail: true });
    expect(record.steps.map((s) => s.status)).toEqual(['PASS', 'FAIL', 'PASS']);
  });

  it('unattended: manual steps, excluded and interactive steps are SKIPPED with reasons; confirm is accepted', async () => {
    const rb = runbook(
      [
        '## look\nOpen the dashboard.',
        '## htop\n```sh {"interactive": true}\nhtop\n```',
        '## delete\n```sh {"excludeFromRunAll": true}\necho deleted\n```',
        '## restart\n```sh {"confirm": "restart"}\necho restarted\n```\n',
      ].join('\n'),
    );
    const { record } = await run(rb);
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['SKIPPED', 'manual step, unattended run'],
      ['SKIPPED', 'interactive step, unattended run'],
      ['SKIPPED', 'excluded from run-all'],
      ['PASS', 'exit code 0'],
    ]);
    expect(record.unattended).toBe(true);
  });

  it('a declined confirmation SKIPs; an attended operator does manual steps and notes', async () => {
    const rb = runbook('## restart\n```sh {"confirm": true}\necho restarted\n```\n## look\nLook at it.\n');
    const words: string[] = [];
    const { record } = await run(rb, {
      operator: {
        attended: true,
        confirm: async (_s, word) => {
          words.push(word);
          return false;
        },
        manual: async () => ({ status: 'WARN', note: 'panel 3 is empty' }),
      },
    });
    expect(words).toEqual(['yes']);
    expect(record.steps.map((s) => [s.status, s.reason, s.note])).toEqual([
      ['SKIPPED', 'not confirmed (type "yes" to run it)', undefined],
      ['WARN', 'operator: panel 3 is empty', 'panel 3 is empty'],
    ]);
  });

  it('a session runs, skips, retries and takes notes, emitting events for a UI', async () => {
    const { RunSession } = await import('../../src/runbook/index.js');
    const { realDeps, unattended } = await import('./helpers.js');
    const counter = join(tmp, 'count');
    const rb = runbook(
      `## flaky\n\`\`\`sh\necho x >> "${counter}"\n[ "$(wc -l < "${counter}")" -ge 2 ]\n\`\`\`\n## skip me\n\`\`\`sh\necho no\n\`\`\`\n## last\n\`\`\`sh\necho last\n\`\`\`\n`,
    );
    const s = new RunSession(rb, { operator: unattended, deps: realDeps(), env: { PATH: process.env.PATH } });
    const types: string[] = [];
    s.on((e) => types.push(e.type));
    s.start();
    expect((await s.run()).status).toBe('FAIL');
    expect((await s.retry(0)).status).toBe('PASS');
    s.note(0, 'passed on the second try');
    expect(s.skip().reason).toBe('skipped by the operator');
    expect(await s.runRemaining()).toBe(false);
    const record = s.finish();
    expect(record.steps.map((x) => [x.status, x.attempts])).toEqual([
      ['PASS', 2],
      ['SKIPPED', 1],
      ['PASS', 1],
    ]);
    expect(record.steps[0]!.note).toBe('passed on the second try');
    expect(types).toEqual([
      'run-start',
      'step-start',
      'step-end',
      'retry',
      'step-start',
      'step-end',
      'note',
      'step-end',
      'step-start',
      'output',
      'step-end',
      'run-end',
    ]);
  });

  it('uses the clock passed in for durations and stamps', async () => {
    let t = Date.parse('2025-01-02T03:04:05Z');
    const { record } = await run(runbook('## one\n```sh\ntrue\n```\n'), { now: () => (t += 1000) });
    expect(record.startedAt).toBe('2025-01-02T03:04:06.000Z');
    expect(record.steps[0]!.durationMs).toBe(1000);
    expect(record.runId).toBe('2025-01-02T03-04-06-000Z-rb');
  });

  it('a background step is started and its group stopped when the run ends', async () => {
    const { RunSession } = await import('../../src/runbook/index.js');
    const { realDeps, unattended } = await import('./helpers.js');
    const pidfile = join(tmp, 'bg.pid');
    const rb = runbook(
      `## bg\n\`\`\`sh {"background": true}\nsleep 300 & echo $! > "${pidfile}.tmp"; mv "${pidfile}.tmp" "${pidfile}"; wait\n\`\`\`\n`,
    );
    const s = new RunSession(rb, { operator: unattended, deps: realDeps(), env: { PATH: process.env.PATH } });
    expect((await s.run()).reason).toMatch(/^started in the background \(pid \d+\)$/);
    expect(await until(() => existsSync(pidfile))).toBe(true);
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(gone(pid)).toBe(false);
    s.finish();
    expect(await until(() => gone(pid))).toBe(true);
  });

  it('rejects an unknown param naming the runbook file', async () => {
    await expect(run(runbook('## one\n```sh\ntrue\n```\n'), { params: { nope: '1' } })).rejects.toThrow(
      'rb.md:1: unknown param "nope" (this runbook takes: none)',
    );
  });
});

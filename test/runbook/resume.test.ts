/**
 * `mmops runbook run --resume RUN` (compiled binary): a run that failed at step 2 continues there with the
 * same params once the cause is fixed, keeps step 1 as it ended, and the journal records the resumed run
 * and the alert (fingerprint and labels) it started from. Also resumePoint() on its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/alerting/index.js';
import { parseRunbookFile, type RunRecord, resumePoint } from '../../src/runbook/index.js';
import { closedUrl } from '../sources/fixture-servers.js';
import { ROOT } from './helpers.js';

const LAUNCH = join(ROOT, 'bin', 'mmops.js');
const home = mkdtempSync(join(tmpdir(), 'mmops-resume-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const dir = join(home, 'runbooks');
mkdirSync(dir);
const RUNBOOK = join(dir, 'needs-flag.md');
writeFileSync(
  RUNBOOK,
  `---
id: needs-flag
title: Needs a flag
kind: alert
alerts: [FlagMissing]
summary: Step 2 fails until the flag file exists.
continueOnFail: false
params:
  flag: { default: /nonexistent }
---

## Before

\`\`\`sh
echo before-ran
\`\`\`

## Check the flag

\`\`\`sh
test -f "$MMOPS_PARAM_FLAG" && echo "flag for $MMOPS_ALERT_ALERTNAME"
\`\`\`

## After

\`\`\`sh
echo after-ran
\`\`\`
`,
);
const config = join(home, 'config.yaml');
writeFileSync(
  config,
  `runbooks:\n  dirs: [${dir}]\n  journal_dir: ${join(home, 'journal')}\n  schedule: { daily: 24h, weekly: 7d, monthly: 30d }\n`,
);

async function mmops(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [LAUNCH, '--config', config, ...args], {
    reject: false,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    extendEnv: false,
    timeout: 60_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('runbook run --resume', () => {
  it('continues at the failed step with the same params and labels, and journals the alert', async () => {
    const flag = join(home, 'flag');
    const labels = ['--label', 'alertname=FlagMissing', '--label', 'severity=warning'];
    const first = await mmops([
      'runbook',
      'run',
      'needs-flag',
      '--yes',
      '--json',
      '--param',
      `flag=${flag}`,
      ...labels,
    ]);
    expect(first.code).toBe(1);
    const r1 = JSON.parse(first.stdout) as RunRecord;
    expect(r1.steps.map((s) => s.status)).toEqual(['PASS', 'FAIL', 'SKIPPED']);
    const alertLabels = { alertname: 'FlagMissing', severity: 'warning' };
    expect(r1.alert).toEqual({ fingerprint: fingerprint(alertLabels), labels: alertLabels });

    // still broken: --param is refused, the run stays resumable
    const withParam = await mmops(['runbook', 'run', '--resume', r1.runId, '--param', 'flag=/x', '--yes']);
    expect(withParam.code).toBe(2);
    expect(withParam.stderr).toContain('drop --param and --label');

    writeFileSync(flag, '');
    const second = await mmops(['runbook', 'run', '--resume', r1.runId, '--yes', '--json']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const r2 = JSON.parse(second.stdout) as RunRecord;
    expect(r2.resumedFrom).toBe(r1.runId);
    expect(r2.runId).not.toBe(r1.runId);
    expect(r2.params.flag).toBe(flag);
    expect(r2.labels).toEqual(alertLabels);
    expect(r2.alert?.fingerprint).toBe(r1.alert?.fingerprint);
    expect(r2.steps.map((s) => s.status)).toEqual(['PASS', 'PASS', 'PASS']);
    // step 1 is the first run's, not run again
    expect(r2.steps[0]).toEqual(r1.steps[0]);
    expect(r2.steps[1]!.stdout).toContain('flag for FlagMissing');

    const again = await mmops(['runbook', 'run', '--resume', r2.runId, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('has no failed or unfinished step (PASS)');
    const none = await mmops(['runbook', 'run', '--resume', 'no-such-run', '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no run no-such-run in the journal');

    // the alert's detail lists the runs started from it and their verdicts, even with every source down
    const down = await closedUrl();
    const shown = await mmops(['alerts', 'show', 'FlagMissing', '--json'], {
      PROMETHEUS_URL: down,
      ALERTMANAGER_URL: down,
      ENGINE_URL: down,
    });
    expect(shown.code).toBe(3);
    const doc = JSON.parse(shown.stdout) as {
      runs: Array<{ runId: string; status: string; resumedFrom?: string }>;
    };
    expect(doc.runs.map((r) => [r.runId, r.status, r.resumedFrom ?? null])).toEqual([
      [r2.runId, 'PASS', r1.runId],
      [r1.runId, 'FAIL', null],
    ]);
  });

  it('refuses to resume a run of a runbook whose steps changed', () => {
    const rb = parseRunbookFile(RUNBOOK);
    const entry = {
      runId: 'r1',
      runbook: { id: rb.id, title: rb.title, kind: rb.kind, file: rb.file },
      status: 'FAIL',
      params: {},
      labels: {},
      steps: [{ title: 'Before', status: 'FAIL', reason: 'x', durationMs: 1 }],
    } as unknown as Parameters<typeof resumePoint>[0];
    expect(() => resumePoint(entry, rb)).toThrow('needs-flag changed since run r1');
  });
});

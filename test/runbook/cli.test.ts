import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The real binary: compiled JS (dist/ is built by test/global-setup.ts).
const LAUNCH = join(ROOT, 'bin', 'mmops.js');
const GOOD = join(ROOT, 'test', 'fixtures', 'runbook', 'good');
const MIXED = join(ROOT, 'test', 'fixtures', 'runbook', 'mixed');
const home = mkdtempSync(join(tmpdir(), 'mmops-cli-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// A config with a journal dir in the temp home, and an SMTP password that must never reach a report.
const config = join(home, 'config.yaml');
writeFileSync(
  config,
  `runbooks:\n  dirs: [${GOOD}]\n  journal_dir: ~/journal\n  schedule: { daily: 24h, weekly: 7d, monthly: 30d }\nnotify:\n  smtp: { host: null, port: 587, username: null, password: hunter2-smtp, from: null, starttls: true }\n  email: { to: null, subject_prefix: "[x]" }\n  slack: { webhook_url: null, channel: "#a" }\n  webhook: { url: null }\n`,
  { mode: 0o600 }, // it holds the SMTP password: readable by others, mmops would warn on stderr
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

describe('mmops runbook (compiled binary)', () => {
  it('list shows the shipped runbooks and the config dirs', async () => {
    const r = await mmops(['runbook', 'list', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ids = doc.runbooks.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['daily', 'high-latency', 'smoke', 'smoke-fail']));
    const text = await mmops(['runbook', 'list']);
    expect(text.stdout).toMatch(/^id\s+kind\s+steps\s+alerts\s+title/);
  });

  it('list exits 2 naming file:line of a malformed runbook, and still lists the others', async () => {
    const r = await mmops(['runbook', 'list', '--dir', MIXED]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/\bsmoke\b/);
    expect(r.stderr).toContain(`${MIXED}/bad-lang.md:10: unknown language "python"`);
    expect(r.stderr).toContain(`${MIXED}/bad-kind.md:4: kind:`);
  });

  it('show prints the steps', async () => {
    const r = await mmops(['runbook', 'show', 'smoke']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 1. Greet [sh]');
    expect(r.stdout).toContain('## 4. Look at the dashboard [manual]');
  });

  it('run --yes --report: steps, exit 0, Markdown and JSON reports, the journal, history', async () => {
    const report = join(home, 'out', 'smoke.md');
    const r = await mmops(['runbook', 'run', 'smoke', '--yes', '--param', 'target=ops', '--report', report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello, ops');
    expect(r.stdout).toMatch(/smoke: WARN \(2 pass, 1 warn, 0 fail, 2 skipped\)/);
    // Each step's verdict is printed as it finishes, on one self-contained line (for cron logs).
    expect(r.stdout).toMatch(
      /^== 2\. Count something \[bash\]\nthree things found\n3\n-- 2\. Count something: WARN \(\d+\.\ds\): 3, above 2$/m,
    );
    expect(r.stdout).toMatch(
      /^-- 4\. Look at the dashboard: SKIPPED \(0\.0s\): manual step, unattended run$/m,
    );
    expect(r.stderr).toContain('WARNING: disk is getting full');
    const md = readFileSync(report, 'utf8');
    expect(md).toMatch(/^# Smoke test runbook: WARN/);
    expect(md).toContain(
      '| 3 | Needs a tool that is not installed | SKIPPED | 0.0s | definitely-not-installed-tool is not installed |',
    );
    expect(md).toContain('| 4 | Look at the dashboard | SKIPPED | 0.0s | manual step, unattended run |');
    const json = JSON.parse(readFileSync(join(home, 'out', 'smoke.json'), 'utf8'));
    expect(json.params).toEqual({ greeting: 'hello', target: 'ops' });
    const journal = readFileSync(join(home, 'journal', 'journal.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(journal.at(-1)!).runbook.id).toBe('smoke');
    const h = await mmops(['runbook', 'history', '--json']);
    expect(h.code).toBe(0);
    const doc = JSON.parse(h.stdout);
    expect(doc.runs[0]).toMatchObject({ runbook: 'smoke', status: 'WARN' });
    expect(doc.routines.find((x: { kind: string }) => x.kind === 'daily').state).toBe('ok');
    expect(doc.routines.find((x: { kind: string }) => x.kind === 'weekly').state).toBe('never');
  });

  it('run exits 1 when a step fails, and stops there', async () => {
    const r = await mmops(['runbook', 'run', join(GOOD, 'smoke-fail.md'), '--json']);
    expect(r.code).toBe(1);
    const rec = JSON.parse(r.stdout);
    expect(rec.steps.map((s: { status: string }) => s.status)).toEqual(['PASS', 'FAIL', 'SKIPPED']);
    expect(rec.steps[1].stderr).toBe('widget is broken\n');
  });

  it('run exits 2 on a bad runbook, an unknown runbook or an unknown param', async () => {
    const bad = await mmops(['runbook', 'run', join(MIXED, 'bad-lang.md'), '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${MIXED}/bad-lang.md:10: unknown language "python"`);
    const unknown = await mmops(['runbook', 'run', 'nope', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no runbook "nope" \(known: .*smoke/);
    const param = await mmops(['runbook', 'run', 'smoke', '--yes', '--param', 'colour=red']);
    expect(param.code).toBe(2);
    expect(param.stderr).toContain(
      'smoke.md:1: unknown param "colour" (this runbook takes: greeting, target)',
    );
    const malformed = await mmops(['runbook', 'run', 'smoke', '--yes', '--param', 'target']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--param "target": expected name=value');
  });

  it('secrets from the config and the environment never reach the journal or reports', async () => {
    const dir = mkdtempSync(join(home, 'rb-'));
    writeFileSync(
      join(dir, 'leak.md'),
      '---\nid: leak\ntitle: Leak\nkind: alert\nsummary: prints secrets\n---\n## Print\n```sh\necho "smtp=hunter2-smtp db=$DATABASE_URL tok=$API_TOKEN"\necho "Authorization: Bearer abcdefghijklmnop"\n```\n',
    );
    const r = await mmops(['runbook', 'run', 'leak', '--dir', dir, '--yes', '--report', join(dir, 'r.md')], {
      DATABASE_URL: 'postgres://app:s3cr3t-pw@db:5432/app',
      API_TOKEN: 'tok-0123456789',
    });
    expect(r.code).toBe(0);
    const files = [join(dir, 'r.md'), join(dir, 'r.json'), join(home, 'journal', 'journal.ndjson')];
    for (const f of files) {
      expect(existsSync(f)).toBe(true);
      const text = readFileSync(f, 'utf8');
      for (const secret of ['hunter2-smtp', 's3cr3t-pw', 'tok-0123456789', 'abcdefghijklmnop']) {
        expect(text, `${f} leaks ${secret}`).not.toContain(secret);
      }
    }
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain(
      'smtp=REDACTED db=postgres://app:REDACTED@db:5432/app tok=REDACTED',
    );
  });

  it("history shows each run's real verdict; a FAILed daily leaves the routine due until signed off", async () => {
    const other = mkdtempSync(join(home, 'h-'));
    const env = { HOME: other };
    const dir = mkdtempSync(join(other, 'rb-'));
    writeFileSync(
      join(dir, 'chores.md'),
      '---\nid: chores\ntitle: Chores\nkind: daily\nsummary: one fails\n---\n## ok\n```sh\ntrue\n```\n## broken\n```sh\nexit 1\n```\n',
    );
    expect((await mmops(['runbook', 'run', 'chores', '--dir', dir, '--yes'], env)).code).toBe(1);
    const before = JSON.parse((await mmops(['runbook', 'history', '--json'], env)).stdout);
    expect(before.runs[0]).toMatchObject({ runbook: 'chores', status: 'FAIL', done: false, signOff: null });
    const daily = (doc: { routines: { kind: string }[] }) => doc.routines.find((x) => x.kind === 'daily');
    expect(daily(before)).toMatchObject({
      state: 'due',
      lastDone: null,
      lastRun: { status: 'FAIL', done: false },
    });
    const text = await mmops(['runbook', 'history'], env);
    expect(text.stdout).toMatch(/^daily\s+due\s+never\s+\S+ FAIL\s+now$/m);
    expect(text.stdout).not.toMatch(/\bok\b/);

    const noNote = await mmops(['runbook', 'sign-off', 'chores', '--note', ' '], env);
    expect(noNote.code).toBe(2);
    const unknown = await mmops(['runbook', 'sign-off', 'nope', '--note', 'x'], env);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no run "nope" in the journal'),
    });
    const signed = await mmops(
      ['runbook', 'sign-off', 'chores', '--note', 'broken step is a known flake'],
      env,
    );
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^signed off \S+-chores \(chores, FAIL\): broken step is a known flake$/m);
    const after = JSON.parse((await mmops(['runbook', 'history', '--json'], env)).stdout);
    expect(after.runs[0]).toMatchObject({
      status: 'FAIL',
      done: true,
      signOff: { note: 'broken step is a known flake' },
    });
    expect(daily(after)).toMatchObject({
      state: 'ok',
      lastDone: { status: 'FAIL', signedOff: 'broken step is a known flake' },
    });
    expect(after.badLines).toEqual([]);
  });

  it('history: an unreadable journal is an error naming the file (exit 2), invalid lines are counted', async () => {
    const other = mkdtempSync(join(home, 'h-'));
    mkdirSync(join(other, 'journal', 'journal.ndjson'), { recursive: true });
    const r = await mmops(['runbook', 'history'], { HOME: other });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read the journal ${join(other, 'journal', 'journal.ndjson')}: EISDIR`);
    expect(r.stdout).not.toContain('no runs yet');
    const torn = mkdtempSync(join(home, 'h-'));
    mkdirSync(join(torn, 'journal'));
    writeFileSync(join(torn, 'journal', 'journal.ndjson'), '{"runId": "torn\n');
    const t = await mmops(['runbook', 'history'], { HOME: torn });
    expect(t.code).toBe(0);
    expect(t.stderr).toContain('1 journal line invalid (1)');
  });
});

// `mmops runbook run --email/--slack` through the compiled binary, against a real SMTP receiver
// (smtp-server) and a real HTTP server playing the Slack webhook.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort, type HttpReceiver, startHttp } from '../alerting/helpers/http.js';
import { type SmtpReceiver, startSmtp } from '../alerting/helpers/smtp.js';
import { ROOT } from './helpers.js';
import { partsOf } from './send-receivers.js';

const LAUNCH = join(ROOT, 'bin', 'mmops.js');
const GOOD = join(ROOT, 'test', 'fixtures', 'runbook', 'good');
const home = mkdtempSync(join(tmpdir(), 'mmops-send-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const SMTP_USER = { username: 'runbooks@example.test', password: 'hunter2-smtp' };
const opened: (SmtpReceiver | HttpReceiver)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

// A runbook that prints both secrets: they must reach neither the email nor Slack.
const rbDir = mkdtempSync(join(home, 'rb-'));
function leakRunbook(hook: string): void {
  writeFileSync(
    join(rbDir, 'leak.md'),
    `---\nid: leak\ntitle: Leaky checks\nkind: daily\nsummary: prints secrets and warns\n---\n## Print\n\`\`\`sh\necho "smtp=${SMTP_USER.password} hook=${hook}"\n\`\`\`\n## Count\n\`\`\`sh {"expect": {"warnAbove": 2}}\necho 3\n\`\`\`\n`,
  );
}

function writeConfig(o: { smtpPort: number | null; hook: string | null }): string {
  const file = join(home, `config-${Math.random().toString(36).slice(2)}.yaml`);
  const smtp =
    o.smtpPort === null
      ? '{ host: null, port: 587, username: null, password: null, from: null, starttls: true }'
      : `{ host: 127.0.0.1, port: ${o.smtpPort}, username: "${SMTP_USER.username}", password: "${SMTP_USER.password}", from: null, starttls: false }`;
  writeFileSync(
    file,
    `runbooks:\n  dirs: [${GOOD}, ${rbDir}]\n  journal_dir: ~/journal\n  schedule: { daily: 24h, weekly: 7d, monthly: 30d }\nnotify:\n  smtp: ${smtp}\n  email: { to: null, subject_prefix: "[x]" }\n  slack: { webhook_url: ${o.hook === null ? 'null' : `"${o.hook}"`}, channel: "#ops" }\n  webhook: { url: null }\n`,
    { mode: 0o600 }, // it holds the SMTP password: readable by others, mmops would warn on stderr
  );
  return file;
}

async function mmops(config: string, args: string[]) {
  const r = await execa(process.execPath, [LAUNCH, '--config', config, ...args], {
    reject: false,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    extendEnv: false,
    timeout: 60_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('runbook run --email --slack', () => {
  it('emails the Markdown report with the JSON attached, posts a summary to Slack, secrets redacted', async () => {
    const smtp = await startSmtp({ user: SMTP_USER });
    const slack = await startHttp();
    opened.push(smtp, slack);
    const hook = `${slack.url}/T000/B000/s3cr3t-webhook-path`;
    leakRunbook(hook);
    const config = writeConfig({ smtpPort: smtp.port, hook });
    const report = join(home, 'out', 'leak.md');
    const r = await mmops(config, [
      'runbook',
      'run',
      'leak',
      '--yes',
      '--report',
      report,
      '--email',
      'oncall@example.test,lead@example.test',
      '--email',
      'desk@example.test',
      '--slack',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'sent: email the report to oncall@example.test, lead@example.test, desk@example.test',
    );
    expect(r.stdout).toContain('sent: post the report to Slack');

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail).toMatchObject({ from: SMTP_USER.username, user: SMTP_USER.username });
    expect(mail.to).toEqual(['oncall@example.test', 'lead@example.test', 'desk@example.test']);
    expect(mail.headers.subject).toBe(`[mmops runbook] leak WARN on ${hostname()}`);
    const [body, attachment] = partsOf(mail);
    expect(body!.headers['content-type']).toMatch(/^text\/plain/);
    expect(body!.text).toBe(readFileSync(report, 'utf8'));
    expect(body!.text).toMatch(/^# Leaky checks: WARN/);
    expect(attachment!.headers['content-type']).toMatch(/^application\/json/);
    expect(attachment!.headers['content-disposition']).toMatch(/attachment; filename=leak-.*\.json/);
    const json = JSON.parse(attachment!.text);
    expect(json).toEqual(JSON.parse(readFileSync(join(home, 'out', 'leak.json'), 'utf8')));
    expect(json.steps.map((s: { status: string }) => s.status)).toEqual(['PASS', 'WARN']);

    expect(slack.requests).toHaveLength(1);
    const post = slack.requests[0]!;
    expect(post.url).toBe('/hook/T000/B000/s3cr3t-webhook-path');
    expect(post.body).toMatchObject({
      channel: '#ops',
      text: expect.stringMatching(
        new RegExp(
          `^:warning: mmops runbook leak \\(Leaky checks\\): WARN on ${hostname()}, 1 pass, 1 warn, 0 fail, 0 skipped in `,
        ),
      ),
      attachments: [{ color: 'warning', text: 'WARN 2. Count: 3, above 2' }],
    });

    for (const sent of [body!.text, attachment!.text, JSON.stringify(post.body)]) {
      expect(sent).not.toContain(SMTP_USER.password);
      expect(sent).not.toContain('s3cr3t-webhook-path');
    }
    expect(body!.text).toContain('smtp=REDACTED hook=REDACTED');
    expect(attachment!.text).toContain('smtp=REDACTED hook=REDACTED');
  });

  it('a failed send is said on stderr; the exit code stays the run own, and the report is written', async () => {
    const slack = await startHttp([500]);
    opened.push(slack);
    const hook = `${slack.url}/T000/B000/s3cr3t-webhook-path`;
    const config = writeConfig({ smtpPort: await freePort(), hook });
    const report = join(home, 'out', 'fail.md');
    const r = await mmops(config, [
      'runbook',
      'run',
      join(GOOD, 'smoke-fail.md'),
      '--report',
      report,
      '--json',
      '--email',
      'oncall@example.test',
      '--slack',
    ]);
    expect(r.code).toBe(1); // the run's: a step failed
    expect(JSON.parse(r.stdout).status).toBe('FAIL'); // --json: still exactly one document on stdout
    expect(r.stderr).toMatch(/^mmops: could not email the report to oncall@example\.test: .*ECONNREFUSED/m);
    expect(r.stderr).toContain('mmops: could not post the report to Slack: HTTP 500');
    expect(r.stderr).not.toContain('s3cr3t-webhook-path');
    expect(existsSync(report)).toBe(true);
    // Slack got the summary naming the failed step before answering 500.
    expect(slack.requests[0]!.body).toMatchObject({
      text: expect.stringMatching(
        /^:x: mmops runbook smoke-fail .*: FAIL on .*1 pass, 0 warn, 1 fail, 1 skipped/,
      ),
      attachments: [{ color: 'danger', text: expect.stringMatching(/^FAIL 2\. Fails: exit code 3/) }],
    });
  });

  it('exits 2 before running when --email or --slack has no channel configured, or an address is bad', async () => {
    const config = writeConfig({ smtpPort: null, hook: null });
    const email = await mmops(config, ['runbook', 'run', 'smoke', '--yes', '--email', 'oncall@example.test']);
    expect(email.code).toBe(2);
    expect(email.stderr).toContain('--email: set notify.smtp.host (SMTP_HOST) in the config');
    expect(email.stdout).toBe(''); // no step ran
    const slack = await mmops(config, ['runbook', 'run', 'smoke', '--yes', '--slack']);
    expect(slack.code).toBe(2);
    expect(slack.stderr).toContain('--slack: set notify.slack.webhook_url (SLACK_WEBHOOK_URL) in the config');
    const bad = await mmops(config, ['runbook', 'run', 'smoke', '--yes', '--email', 'oncall']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email "oncall": expected an address like oncall@example.com');
  });
});

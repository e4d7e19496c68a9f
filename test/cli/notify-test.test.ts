/**
 * Issue 12, "Notifications you can trust": `mmops notify test` through a real SMTP receiver, real HTTP
 * receivers standing in for Slack and a webhook, and a real Alertmanager 0.25; half-configured channels
 * refused (exit 2, naming the variables) by notify test, the engine and `rules render --alertmanager`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERTMANAGER_HEADER, renderAlertmanager } from '../../src/alerting/index.js';
import { type HttpReceiver, startHttp } from '../alerting/helpers/http.js';
import { type SmtpReceiver, startSmtp } from '../alerting/helpers/smtp.js';
import { testConfig } from '../engine/helpers/engine.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function smtp(): Promise<SmtpReceiver> {
  const s = await startSmtp();
  cleanup.push(() => s.close());
  return s;
}
async function http(statuses: number[] = []): Promise<HttpReceiver> {
  const h = await startHttp(statuses);
  cleanup.push(() => h.close());
  return h;
}
const emailEnv = (port: number) => ({
  ALERT_EMAIL: 'oncall@example.test',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_FROM: 'mmops@example.test',
  SMTP_STARTTLS: 'false',
});
/** Alertmanager with the rendered config: its one receiver posts to `hookUrl`, after 1 s of group_wait. */
async function alertmanager(hookUrl: string): Promise<RunningServer> {
  const config = testConfig((c) => {
    c.notify.webhook.url = hookUrl;
  });
  const am = await startAlertmanager({
    config: renderAlertmanager(config, ALERTMANAGER_HEADER, { groupWait: '1s', groupInterval: '1s' }),
  });
  cleanup.push(() => am.stop());
  return am;
}

describe('mmops notify test', () => {
  it('email: a marked test alert reaches the SMTP server; exit 0', async () => {
    const s = await smtp();
    const r = await mmops(['notify', 'test', '--channel', 'email'], emailEnv(s.port));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^email: delivered \(\d+ ms\): accepted by the SMTP server$/m);
    expect(r.code).toBe(0);
    expect(s.mails).toHaveLength(1);
    expect(s.mails[0]!.headers.subject).toMatch(
      /^\[Market Master Alert\] TEST notification from mmops on .*: no action needed$/,
    );
    expect(s.mails[0]!.text).toContain('MmopsNotificationTest');
  });

  it('every configured channel, each with its outcome: Slack answering 500 fails with the reason; exit 1', async () => {
    const slack = await http([500]);
    const hook = await http();
    const s = await smtp();
    const env = {
      ...emailEnv(s.port),
      SLACK_WEBHOOK_URL: `${slack.url}/T0/B0/SECRET`,
      MMOPS_WEBHOOK_URL: hook.url,
    };
    const r = await mmops(['notify', 'test', '--json'], env);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      channels: { channel: string; delivered: boolean; reason: string }[];
    };
    expect(doc.channels.map((c) => [c.channel, c.delivered, c.reason])).toEqual([
      ['email', true, 'accepted by the SMTP server'],
      ['slack', false, 'slack: HTTP 500'],
      ['webhook', true, 'accepted by the receiver'],
    ]);
    expect(r.stdout).not.toContain('SECRET');
    expect(
      (hook.requests[0]!.body as { alerts: { labels: Record<string, string> }[] }).alerts[0]!.labels,
    ).toMatchObject({
      alertname: 'MmopsNotificationTest',
      mmops_test: 'true',
    });
  });

  it("alertmanager: the test alert goes through Alertmanager's API and its webhook receiver; exit 0", {
    timeout: 60_000,
  }, async () => {
    const hook = await http();
    const am = await alertmanager(hook.url);
    const r = await mmops(['notify', 'test', '--channel', 'alertmanager', '--wait', '30'], {
      ALERTMANAGER_URL: am.url,
    });
    expect(r.stdout).toMatch(
      /^alertmanager: delivered \(\d+ ms\): sent by Alertmanager's webhook integration/m,
    );
    expect(r.code).toBe(0);
    const firing = hook.requests.find((q) => (q.body as { status: string }).status === 'firing');
    expect(firing).toBeDefined();
    expect(
      (firing!.body as { alerts: { labels: Record<string, string> }[] }).alerts[0]?.labels,
    ).toMatchObject({
      alertname: 'MmopsNotificationTest',
      mmops_test: 'true',
    });
  });

  it('alertmanager: a receiver that fails is reported as failed; exit 1', { timeout: 60_000 }, async () => {
    const hook = await http([500]);
    const am = await alertmanager(hook.url);
    const r = await mmops(['notify', 'test', '--channel', 'alertmanager', '--wait', '30'], {
      ALERTMANAGER_URL: am.url,
    });
    expect(r.stdout).toMatch(/^alertmanager: FAILED \(\d+ ms\): Alertmanager's webhook integration failed/m);
    expect(r.code).toBe(1);
  });

  it('nothing configured, or a channel not configured: exit 2 naming the variables', async () => {
    const none = await mmops(['notify', 'test'], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /no notification channel is configured: set ALERT_EMAIL and SMTP_HOST .*SLACK_WEBHOOK_URL/,
    );
    const slack = await mmops(['notify', 'test', '--channel', 'slack'], {});
    expect(slack.code).toBe(2);
    expect(slack.stderr).toMatch(/--channel slack: not configured: set SLACK_WEBHOOK_URL/);
  });
});

describe('half-configured channels are refused (exit 2)', () => {
  const half = { ALERT_EMAIL: 'oncall@example.test', MMOPS_WEBHOOK_URL: 'mailto:ops@example.test' };
  const said = [
    /ALERT_EMAIL \(notify\.email\.to\) is set but SMTP_HOST \(notify\.smtp\.host\) is not/,
    /MMOPS_WEBHOOK_URL \(notify\.webhook\.url\): not an http\(s\) URL/,
  ];

  it('by notify test, rules render --alertmanager and the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-half-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    for (const args of [
      ['notify', 'test'],
      ['rules', 'render', '--alertmanager', '-'],
      ['engine', '--port', '0', '--data-dir', join(dir, 'data')],
    ]) {
      const r = await mmops(args, half);
      expect(r.code, args.join(' ')).toBe(2);
      for (const re of said) expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  });
});

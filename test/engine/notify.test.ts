/**
 * Alerts leave the engine for real receivers: an SMTP server (smtp-server) and HTTP endpoints standing in
 * for Slack and a generic webhook. Also: SMTP down at first, then up, and the alert still arrives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.js';
import type { RunningEngine } from '../../src/engine/index.js';
import { freePort, type HttpReceiver, startHttp, waitUntil } from '../alerting/helpers/http.js';
import { type SmtpReceiver, startSmtp } from '../alerting/helpers/smtp.js';
import { records, referenceCsv, send, startTestEngine, tempDir } from './helpers/engine.js';

const notifyTo = (c: Config, smtpPort: number, slack: string, hook: string) => {
  c.notify.email.to = 'oncall@example.test';
  c.notify.smtp = {
    host: '127.0.0.1',
    port: smtpPort,
    username: null,
    password: null,
    from: 'mmops@example.test',
    starttls: false,
    timeout: '10m',
  };
  c.notify.slack.webhook_url = slack;
  c.notify.webhook.url = hook;
  c.drift.for = '0s';
};

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function driftingEngine(
  smtpPort: number,
  slack: HttpReceiver,
  hook: HttpReceiver,
): Promise<RunningEngine> {
  const tmp = tempDir();
  const engine = await startTestEngine(tmp.dir, {
    edit: (c) => notifyTo(c, smtpPort, `${slack.url}/slack`, `${hook.url}/webhook`),
    dispatcher: { baseDelayMs: 200, maxDelayMs: 1000 },
  });
  cleanup.push(async () => {
    await engine.close();
    tmp.remove();
  });
  await send(`${engine.url}/api/v1/reference`, referenceCsv(), { method: 'PUT', type: 'text/csv' });
  await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(300, { shift: 40 })));
  await engine.evaluateNow();
  await engine.checkAlertsNow();
  return engine;
}

describe('notifications', () => {
  it('a firing DataDriftDetected reaches email, Slack and the webhook', async () => {
    const smtp: SmtpReceiver = await startSmtp();
    const slack = await startHttp();
    const hook = await startHttp();
    cleanup.push(
      () => smtp.close(),
      () => slack.close(),
      () => hook.close(),
    );
    const engine = await driftingEngine(smtp.port, slack, hook);
    expect(engine.alerts().find((a) => a.name === 'DataDriftDetected')?.state).toBe('firing');
    await waitUntil(
      () => smtp.mails.length > 0 && slack.requests.length > 0 && hook.requests.length > 0,
      10_000,
    );
    const mail = smtp.mails[0]!;
    expect(mail.headers.subject).toMatch(/^\[Market Master Alert\] .*DataDriftDetected/);
    expect(mail.to).toEqual(['oncall@example.test']);
    expect(JSON.stringify(slack.requests[0]!.body)).toContain('DataDriftDetected');
    expect(JSON.stringify(hook.requests[0]!.body)).toContain('DataDriftDetected');
  });

  it('SMTP down at first, then up: the alert still arrives, and evaluation never waits for it', async () => {
    const port = await freePort();
    const slack = await startHttp();
    const hook = await startHttp();
    cleanup.push(
      () => slack.close(),
      () => hook.close(),
    );
    const t0 = Date.now();
    const engine = await driftingEngine(port, slack, hook);
    expect(Date.now() - t0).toBeLessThan(5000);
    await waitUntil(() => engine.report() !== null && slack.requests.length > 0, 5000);
    await new Promise((r) => setTimeout(r, 500)); // a failed attempt or two
    const smtp = await startSmtp({ port });
    cleanup.push(() => smtp.close());
    await waitUntil(() => smtp.mails.length > 0, 15_000);
    expect(smtp.mails[0]!.headers.subject).toMatch(/DataDriftDetected/);
  });
});

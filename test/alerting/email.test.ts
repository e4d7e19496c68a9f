// The email notifier against a REAL SMTP server (smtp-server) on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createEmailNotifier,
  type EmailOptions,
  emailOptionsFromConfig,
  notifiersFromConfig,
} from '../../src/alerting/index.js';
import { loadConfig } from '../../src/config/index.js';
import { firingNotice } from './helpers/alerts.js';
import { freePort, waitUntil } from './helpers/http.js';
import { type SmtpReceiver, startSmtp } from './helpers/smtp.js';

const PREFIX = '[Market Master Alert]';
const META = { key: '0123456789abcdef0123456789abcdef' };
const opened: SmtpReceiver[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
async function smtp(...args: Parameters<typeof startSmtp>) {
  const server = await startSmtp(...args);
  opened.push(server);
  return server;
}
const options = (port: number, over: Partial<EmailOptions> = {}): EmailOptions => ({
  host: '127.0.0.1',
  port,
  starttls: false,
  username: null,
  password: null,
  from: 'mmops@example.test',
  to: 'oncall@example.test',
  subjectPrefix: PREFIX,
  timeoutMs: 2000,
  ...over,
});

describe('email notifier', () => {
  it('sends the notice as plain text with the guide subject, From and To', async () => {
    const server = await smtp();
    await createEmailNotifier(options(server.port)).send(firingNotice(0.31), META);
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(mail.headers.subject).toBe(
      `${PREFIX} HighPredictionLatency firing (critical): p95 prediction latency is high`,
    );
    expect(mail.headers.from).toContain('mmops@example.test');
    expect(mail.headers.to).toContain('oncall@example.test');
    expect(mail).toMatchObject({ from: 'mmops@example.test', to: ['oncall@example.test'], secure: false });
    expect(mail.headers['content-type']).toMatch(/^text\/plain/);
    // one Message-ID per alert state change, the same on every retry (RFC 5322 3.6.4)
    expect(mail.headers['message-id']).toBe(`<${META.key}@example.test>`);
    expect(mail.headers['x-mmops-idempotency-key']).toBe(META.key);
    for (const part of [
      'HighPredictionLatency [critical] FIRING',
      'value:    0.31',
      'runbook:  high-latency',
      'since:    2024-01-02T09:00:00.000Z',
    ]) {
      expect(mail.text).toContain(part);
    }
  });

  it('logs in with username/password over STARTTLS; From defaults to the username', async () => {
    const server = await smtp({
      starttls: true,
      user: { username: 'alerts@example.test', password: 's3cret' },
    });
    const notifier = createEmailNotifier(
      options(server.port, {
        starttls: true,
        username: 'alerts@example.test',
        password: 's3cret',
        from: null,
        tls: { rejectUnauthorized: false },
      }),
    );
    await notifier.send(firingNotice(), META);
    expect(server.mails[0]).toMatchObject({
      from: 'alerts@example.test',
      secure: true,
      user: 'alerts@example.test',
    });
    expect(server.mails[0]?.headers.subject?.startsWith(PREFIX)).toBe(true);
  });

  it('refuses to send in the clear when STARTTLS is required but not offered', async () => {
    const server = await smtp();
    await expect(
      createEmailNotifier(options(server.port, { starttls: true })).send(firingNotice(), META),
    ).rejects.toThrow();
    expect(server.mails).toHaveLength(0);
  });

  it('rejects wrong credentials', async () => {
    const server = await smtp({ user: { username: 'u', password: 'right' } });
    await expect(
      createEmailNotifier(options(server.port, { username: 'u', password: 'wrong' })).send(
        firingNotice(),
        META,
      ),
    ).rejects.toThrow();
  });

  it('needs a sender', () => {
    expect(() => createEmailNotifier(options(25, { from: null, username: null }))).toThrow(
      /notify.smtp.from/,
    );
  });

  it('is configured from notify.email and notify.smtp', async () => {
    const server = await smtp();
    const env = {
      ALERT_EMAIL: 'ops@example.test',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(server.port),
      SMTP_FROM: 'mm@example.test',
      SMTP_STARTTLS: 'false',
    };
    const { config } = loadConfig({ env, home: '/nonexistent-home' });
    expect(emailOptionsFromConfig(config)).toMatchObject({
      to: 'ops@example.test',
      port: server.port,
      starttls: false,
      subjectPrefix: PREFIX,
    });
    const notifiers = notifiersFromConfig(config);
    expect(notifiers.map((n) => n.name)).toEqual(['email']);
    await notifiers[0]!.send(firingNotice(), META);
    expect(server.mails[0]?.to).toEqual(['ops@example.test']);
  });

  it('SMTP down at first: the dispatcher retries until the server comes up on that port', async () => {
    const port = await freePort();
    const errors: string[] = [];
    const dispatcher = createDispatcher({
      notifiers: [createEmailNotifier(options(port))],
      baseDelayMs: 50,
      maxDelayMs: 200,
      onError: (err) => errors.push(String(err)),
    });
    dispatcher.dispatch(firingNotice());
    await waitUntil(() => errors.length >= 2);
    expect(errors[0]).toMatch(/ECONNREFUSED/);
    expect(dispatcher.stats()).toMatchObject({ sent: 0, pending: 1 });

    const server = await smtp({ port });
    await dispatcher.drain();
    expect(server.mails).toHaveLength(1);
    expect(server.mails[0]?.headers.subject?.startsWith(PREFIX)).toBe(true);
    expect(dispatcher.stats()).toMatchObject({ sent: 1, failed: errors.length, pending: 0 });
  });
});

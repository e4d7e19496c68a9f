/**
 * Issue 17, "Delivery that survives outages", through the real `mmops engine` binary and real receivers:
 * SMTP down then up, a webhook answering 500 for a while, and the engine restarted while both are down.
 * Each time the alert arrives exactly once. Outages are seconds long: the backoff cap is 1 s
 * (notify.delivery.retry_max), so each one spans more failed attempts than the old dispatcher's 5.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type HttpReceiver, startHttp } from '../alerting/helpers/http.js';
import { type SmtpReceiver, startSmtp } from '../alerting/helpers/smtp.js';
import { eventually } from '../cli/helpers/long-running.js';
import {
  metricsText,
  metricValue,
  sendSlowRecords,
  startDeliveryEngine,
  stopEngine,
  writeDeliveryConfig,
} from './helpers/delivery.js';
import { getJson, tempDir } from './helpers/engine.js';

const FAILED = 'market_master_notifications_failed_total';
const SENT = 'market_master_notifications_sent_total';
const PENDING = 'market_master_notifications_pending';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

/** Waits until `channel` has had at least `n` failed attempts. */
async function failedAtLeast(url: string, channel: string, n: number): Promise<void> {
  await eventually(
    async () => (metricValue(await metricsText(url), FAILED, `channel="${channel}"`) ?? 0) >= n,
    30_000,
    `${n} failed ${channel} attempts`,
  );
}

/** Waits until every channel has sent `n` and has nothing pending. */
async function settled(url: string, channels: readonly string[], n = 1): Promise<void> {
  await eventually(
    async () => {
      const text = await metricsText(url);
      return channels.every(
        (c) =>
          metricValue(text, SENT, `channel="${c}"`) === n &&
          metricValue(text, PENDING, `channel="${c}"`) === 0,
      );
    },
    30_000,
    `${channels.join(', ')} delivered`,
  );
}

const accepted = (hook: HttpReceiver, statusAt: Map<number, number>) =>
  hook.requests.filter((_, i) => statusAt.get(i) === 200);

/** A webhook receiver that answers 500 until `up()` is called; remembers what it answered each request. */
async function flakyHook() {
  let status = 500;
  const statusAt = new Map<number, number>();
  let n = 0;
  const hook = await startHttp(() => {
    statusAt.set(n++, status);
    return status;
  });
  cleanup.push(() => hook.close());
  return { hook, statusAt, up: () => (status = 200) };
}

describe('alert delivery through outages (real engine binary)', () => {
  it('SMTP down, then up: exactly one email; /health and /metrics show the outage', {
    timeout: 60_000,
  }, async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const port = await freePort();
    const engine = await startDeliveryEngine(tmp.dir, writeDeliveryConfig(tmp.dir, { smtpPort: port }));
    cleanup.push(() => stopEngine(engine));
    await sendSlowRecords(engine.url);

    await failedAtLeast(engine.url, 'email', 6); // the old dispatcher gave up after 5
    const health = await getJson(`${engine.url}/health`);
    const check = (health.json.checks as Record<string, { status: string; message: string }>).notifications;
    expect(check?.status).toBe('warn');
    expect(check?.message).toMatch(/1 pending.*email: .*ECONNREFUSED/);
    const text = await metricsText(engine.url);
    expect(metricValue(text, PENDING, 'channel="email"')).toBe(1);
    expect(
      metricValue(text, 'market_master_notifications_oldest_pending_age_seconds', 'channel="email"'),
    ).toBeGreaterThan(0);
    // the exposition with the new series stays valid for Prometheus
    execFileSync('promtool', ['check', 'metrics'], { input: text });

    const smtp: SmtpReceiver = await startSmtp({ port });
    cleanup.push(() => smtp.close());
    await settled(engine.url, ['email']);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.headers.subject).toMatch(/HighPredictionLatency firing \(critical\)/);
    expect(smtp.mails[0]!.headers['message-id']).toMatch(/^<[0-9a-f]{32}@example\.test>$/);
  });

  it('Slack and a webhook answering 500 for a while: exactly one accepted post each, every attempt with one Idempotency-Key', {
    timeout: 60_000,
  }, async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const hook = await flakyHook();
    const slack = await flakyHook();
    const engine = await startDeliveryEngine(
      tmp.dir,
      writeDeliveryConfig(tmp.dir, { webhookUrl: hook.hook.url, slackUrl: `${slack.hook.url}/T0/B0/X` }),
    );
    cleanup.push(() => stopEngine(engine));
    await sendSlowRecords(engine.url);
    await failedAtLeast(engine.url, 'webhook', 6);
    await failedAtLeast(engine.url, 'slack', 6);
    hook.up();
    slack.up();
    await settled(engine.url, ['webhook', 'slack']);
    for (const [r, field] of [
      [hook, 'idempotencyKey'],
      [slack, 'idempotency_key'],
    ] as const) {
      const ok = accepted(r.hook, r.statusAt);
      expect(ok).toHaveLength(1);
      const keys = new Set(r.hook.requests.map((q) => q.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      expect((ok[0]!.body as Record<string, string>)[field]).toBe([...keys][0]);
    }
  });

  it('the engine restarted while email and the webhook are down: each still delivered once', {
    timeout: 60_000,
  }, async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const port = await freePort();
    const { hook, statusAt, up } = await flakyHook();
    const config = writeDeliveryConfig(tmp.dir, { smtpPort: port, webhookUrl: hook.url });
    const first = await startDeliveryEngine(tmp.dir, config);
    await sendSlowRecords(first.url);
    await failedAtLeast(first.url, 'email', 2);
    await failedAtLeast(first.url, 'webhook', 2);
    const keyBefore = hook.requests[0]!.headers['idempotency-key'];
    await stopEngine(first);

    const queueFile = join(tmp.dir, 'data', 'notify-queue.json');
    expect(statSync(queueFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(queueFile, 'utf8')) as { deliveries: { channel: string }[] };
    expect(stored.deliveries.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);

    const second = await startDeliveryEngine(tmp.dir, config);
    cleanup.push(() => stopEngine(second));
    // The replayed window fires the alert again in the new process: that must not become a second notice.
    await eventually(
      async () => {
        const a = await getJson(`${second.url}/alerts`);
        return (a.json.alerts as { name: string; state: string }[]).some(
          (x) => x.name === 'HighPredictionLatency' && x.state === 'firing',
        );
      },
      20_000,
      'the alert firing again after the restart',
    );
    await failedAtLeast(second.url, 'webhook', 1);
    const smtp = await startSmtp({ port });
    cleanup.push(() => smtp.close());
    up();
    await settled(second.url, ['email', 'webhook']);
    expect(smtp.mails).toHaveLength(1);
    expect(accepted(hook, statusAt)).toHaveLength(1);
    expect(accepted(hook, statusAt)[0]!.headers['idempotency-key']).toBe(keyBefore);
  });
});

// Slack and webhook notifiers against a REAL node:http server on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createSlackNotifier,
  createWebhookNotifier,
  evaluate,
  groupNotices,
  notifiersFromConfig,
} from '../../src/alerting/index.js';
import { loadConfig } from '../../src/config/index.js';
import { hangHandler, serve } from '../sources/fixture-servers.js';
import { firingNotice, latencyRule, MIN, T0 } from './helpers/alerts.js';
import { freePort, type HttpReceiver, startHttp } from './helpers/http.js';

const opened: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
async function http(statuses: number[] = []) {
  const server = await startHttp(statuses);
  opened.push(server);
  return server;
}

const META = { key: 'k-0123' };

describe('slack notifier', () => {
  it("posts the guide's payload: channel, 🚨 text, icon_emoji, plus an attachment", async () => {
    const server = await http();
    await createSlackNotifier({ webhookUrl: server.url, channel: '#alerts' }).send(
      firingNotice(0.31, { labels: { model: 'm1' } }),
      META,
    );
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toMatch(/application\/json/);
    expect(req.headers['idempotency-key']).toBe(META.key);
    expect(req.body).toMatchObject({
      idempotency_key: META.key,
      channel: '#alerts',
      text: '🚨 Market Master Alert: HighPredictionLatency firing (critical): p95 prediction latency is high',
      icon_emoji: ':warning:',
      attachments: [{ color: 'danger' }],
    });
    const text = (req.body as { attachments: { text: string }[] }).attachments[0]?.text;
    expect(text).toContain('FIRING HighPredictionLatency {model=m1} [critical] value 0.31');
    expect(text).toContain('runbook high-latency');
  });

  it('fails on a non-2xx answer without leaking the webhook URL', async () => {
    const server = await http([500]);
    const err = await createSlackNotifier({ webhookUrl: `${server.url}/T000/B000/SECRET`, channel: '#a' })
      .send(firingNotice(), META)
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toBe('slack: HTTP 500');
    expect(err?.message).not.toContain('SECRET');
  });

  it('a 500 is retried by the dispatcher and then succeeds', async () => {
    const server = await http([500, 500, 200]);
    const errors: string[] = [];
    const dispatcher = createDispatcher({
      notifiers: [createSlackNotifier({ webhookUrl: server.url, channel: '#alerts' })],
      baseDelayMs: 10,
      maxDelayMs: 50,
      onError: (err, f) => errors.push(`${f.notifier}#${f.attempt}: ${String(err)}`),
    });
    dispatcher.dispatch(firingNotice());
    await dispatcher.drain();
    expect(server.requests).toHaveLength(3);
    expect(errors).toEqual(['slack#1: Error: slack: HTTP 500', 'slack#2: Error: slack: HTTP 500']);
    expect(dispatcher.stats()).toMatchObject({ sent: 1, failed: 2, pending: 0 });
    // the retries carry the first attempt's key, so the receiver can tell them apart from new alerts
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });
});

describe('webhook notifier', () => {
  it('posts an Alertmanager-shaped payload, firing and then resolved', async () => {
    const server = await http();
    const notifier = createWebhookNotifier({ url: server.url });
    const rule = latencyRule({ forSeconds: 0, labels: { model: 'm1' } });
    const fired = evaluate(new Map(), [{ rule, value: 0.3 }], T0);
    const resolved = evaluate(fired.states, [{ rule, value: 0.01 }], T0 + MIN);
    for (const n of [...groupNotices(fired.events), ...groupNotices(resolved.events)])
      await notifier.send(n, META);

    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([META.key, META.key]);
    expect(server.requests.map((r) => r.body)).toEqual([
      {
        version: '1',
        idempotencyKey: META.key,
        status: 'firing',
        receiver: 'mmops',
        groupKey: '{severity="critical"}',
        groupLabels: { severity: 'critical' },
        commonLabels: { severity: 'critical' },
        summary: 'HighPredictionLatency firing (critical): p95 prediction latency is high',
        timestamp: '2024-01-02T09:00:00.000Z',
        alerts: [
          {
            status: 'firing',
            event: 'firing',
            labels: { alertname: 'HighPredictionLatency', severity: 'critical', model: 'm1' },
            annotations: {
              summary: 'p95 prediction latency is high',
              description: rule.description,
              runbook: 'high-latency',
              runbook_url: 'runbooks/high-latency.md',
            },
            startsAt: '2024-01-02T09:00:00.000Z',
            endsAt: '0001-01-01T00:00:00Z',
            value: 0.3,
          },
        ],
      },
      expect.objectContaining({
        status: 'resolved',
        alerts: [
          expect.objectContaining({ status: 'resolved', endsAt: '2024-01-02T09:01:00.000Z', value: 0.01 }),
        ],
      }),
    ]);
  });

  it('fails with the connection error when nothing listens', async () => {
    const port = await freePort();
    await expect(
      createWebhookNotifier({ url: `http://127.0.0.1:${port}/` }).send(firingNotice(), META),
    ).rejects.toThrow('webhook: ECONNREFUSED');
  });

  it('gives up after its timeout on a receiver that never answers, naming the wait, not the URL', async () => {
    const hung = await serve(hangHandler);
    try {
      const started = Date.now();
      const err = await createWebhookNotifier({ url: `${hung.url}/SECRET`, timeoutMs: 300 })
        .send(firingNotice(), META)
        .catch((e: unknown) => e as Error);
      expect(err?.message).toBe('webhook: no answer within 300 ms');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await hung.close();
    }
  });

  it('does not follow a redirect: a 302 is the answer, and the secret path goes nowhere else', async () => {
    const server = await http([302]);
    await expect(createWebhookNotifier({ url: server.url }).send(firingNotice(), META)).rejects.toThrow(
      'webhook: HTTP 302',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('the registry builds slack and webhook from the config', async () => {
    const server = await http();
    const env = { SLACK_WEBHOOK_URL: server.url, MMOPS_WEBHOOK_URL: server.url };
    const { config } = loadConfig({ env, home: '/nonexistent-home' });
    const notifiers = notifiersFromConfig(config);
    expect(notifiers.map((n) => n.name)).toEqual(['slack', 'webhook']);
    await Promise.all(notifiers.map((n) => n.send(firingNotice(), META)));
    expect(server.requests).toHaveLength(2);
    expect(notifiersFromConfig(loadConfig({ env: {}, home: '/nonexistent-home' }).config)).toEqual([]);
  });
});

/**
 * Issue 17, defect 2: a relay that answers the end of DATA after 30 s (RFC 5321 4.5.3.2.6 allows 10
 * minutes) gets the alert once. The old 10 s socket timeout gave up on a mail the relay went on to deliver,
 * and the retry delivered it again, five times in all. Real `mmops engine`, real smtp-server.
 */
import { afterEach, describe, expect, it } from 'vitest';
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
import { tempDir } from './helpers/engine.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

describe('a slow SMTP relay (real engine binary)', () => {
  it('answering DATA after 30 s: exactly one email, counted as sent', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const smtp: SmtpReceiver = await startSmtp({ dataDelayMs: 30_000 });
    cleanup.push(() => smtp.close());
    const engine = await startDeliveryEngine(tmp.dir, writeDeliveryConfig(tmp.dir, { smtpPort: smtp.port }));
    cleanup.push(() => stopEngine(engine));
    await sendSlowRecords(engine.url);

    await eventually(async () => smtp.mails.length > 0, 15_000, 'the relay to receive the mail');
    const received = Date.now();
    await eventually(
      async () =>
        metricValue(
          await metricsText(engine.url),
          'market_master_notifications_sent_total',
          'channel="email"',
        ) === 1,
      45_000,
      'the engine to count the email as sent',
    );
    // sent only once the relay answered, 30 s after it had the mail: the engine waited instead of retrying
    expect(Date.now() - received).toBeGreaterThan(25_000);
    const text = await metricsText(engine.url);
    expect(metricValue(text, 'market_master_notifications_failed_total', 'channel="email"')).toBe(0);
    expect(metricValue(text, 'market_master_notifications_pending', 'channel="email"')).toBe(0);
    expect(smtp.mails).toHaveLength(1);
  });
});

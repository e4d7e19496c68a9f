/** The /health check of notification delivery, pure: a table of queue states. */
import { describe, expect, it } from 'vitest';
import type { DispatcherStats, NotifierStats } from '../../src/alerting/index.js';
import { notificationsCheck } from '../../src/engine/notify-health.js';

const NOW = 1_000_000_000;
const lane = (over: Partial<NotifierStats> = {}): NotifierStats => ({
  sent: 0,
  failed: 0,
  pending: 0,
  expired: 0,
  oldestPendingAt: null,
  lastSentAt: null,
  lastError: null,
  ...over,
});
const stats = (email: NotifierStats): DispatcherStats => ({
  sent: email.sent,
  failed: email.failed,
  pending: email.pending,
  expired: email.expired,
  oldestPendingAt: email.oldestPendingAt,
  notifiers: { email },
});
const failing = { pending: 1, failed: 3, lastError: { at: NOW - 1000, message: 'ECONNREFUSED' } };

describe('notificationsCheck', () => {
  it.each([
    ['nothing pending', lane({ sent: 2 }), 'ok', /^2 sent, 0 pending, 0 failed attempts, 0 given up$/],
    [
      'pending and failing',
      lane({ ...failing, oldestPendingAt: NOW - 60_000 }),
      'warn',
      /email: ECONNREFUSED/,
    ],
    [
      'pending for the unhealthy_after span',
      lane({ ...failing, oldestPendingAt: NOW - 600_000 }),
      'fail',
      /pending for 600 s .*email: ECONNREFUSED/,
    ],
    [
      'failed once, since delivered',
      lane({ sent: 1, failed: 1, lastSentAt: NOW, lastError: failing.lastError }),
      'ok',
      /1 sent/,
    ],
    ['a notice given up', lane({ expired: 1 }), 'warn', /1 given up/],
  ])('%s: %s', (_what, email, status, message) => {
    const c = notificationsCheck(stats(email), NOW, 600_000);
    expect(c.status).toBe(status);
    expect(c.message).toMatch(message);
  });
});

/** The notice `mmops notify test` sends: clearly a test, so nobody acts on it. Pure. */
import type { Notice } from './group-notices.js';

/** The alert name of a test notification; receivers can filter it out. */
export const TEST_ALERT_NAME = 'MmopsNotificationTest';

/** A warning-level test notice from `host` at `now` (epoch ms). */
export function testNotice(now: number, host: string): Notice {
  const summary = `TEST notification from mmops on ${host}: no action needed`;
  return {
    status: 'firing',
    severity: 'warning',
    summary,
    at: now,
    alerts: [
      {
        name: TEST_ALERT_NAME,
        labels: { mmops_test: 'true', host },
        severity: 'warning',
        status: 'firing',
        event: 'firing',
        value: null,
        since: now,
        firedAt: now,
        resolvedAt: null,
        summary,
        description:
          'Sent by `mmops notify test` to check this channel end to end. It is not an alert: nothing is wrong.',
        runbook: 'notification-delivery',
      },
    ],
  };
}

/** The alerting pipeline itself: NotificationsFailing, the engine's delivery queue holding a notice too long. */
import type { Config } from '../../config/index.js';
import { RUNBOOK } from '../keys.js';
import type { Family } from './family.js';
import { gaugeValues, seriesName } from './series-notation.js';
import { ENGINE, UNBOUNDED } from './signals.js';

/**
 * NotificationsFailing: the oldest undelivered notification of a channel is older than 5 min (warning) or
 * 15 min (critical). Age, not failed attempts: one failed attempt that a retry mends is not news, while a
 * notice nobody received for 15 min means on-call is blind. Only engines that send (notify.engine_notifiers)
 * export the series; Alertmanager's own failures are its alertmanager_notifications_failed_total.
 */
export function pipeline(config: Config): Family[] {
  const metric = `${config.metrics.prefix}_notifications_oldest_pending_age_seconds`;
  const labels = { ...ENGINE, channel: 'email' };
  return [
    {
      group: 'market_master_pipeline',
      alert: 'NotificationsFailing',
      signal: {
        id: metric,
        expr: `max by (job, instance, channel) (${metric})`,
        format: 'duration',
        range: UNBOUNDED,
        exact: true,
        testLabels: labels,
        series: (p) => [{ series: seriesName(metric, labels), values: gaugeValues(p) }],
        valueOf: (v) => v,
      },
      for: '1m',
      runbook: RUNBOOK.notifications,
      summary: 'Alert notifications are not being delivered',
      subject: 'The oldest undelivered {{ $labels.channel }} notification of {{ $labels.instance }}',
      levels: [
        { severity: 'warning', op: '>', level: 300 },
        { severity: 'critical', op: '>', level: 900 },
      ],
    },
  ];
}

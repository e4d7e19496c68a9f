/**
 * Alerts on the monitoring pipeline itself (issue 12): Prometheus that cannot reach Alertmanager pages no
 * one about anything, so it is an alert of its own, answered by the alerts troubleshooting runbook.
 */
import { TROUBLESHOOT } from '../keys.js';
import type { Family } from './family.js';
import { RATE_WINDOW } from './recording-rules.js';
import { counterValues, gaugeValues, seriesName } from './series-notation.js';
import type { Signal } from './signals.js';

const PROMETHEUS = { job: 'prometheus', instance: 'localhost:9090' };

/**
 * 1 when Prometheus has discovered no Alertmanager or its notifications to one fail, per Prometheus.
 * The two halves carry a `reason` label so `or` keeps both, and `max` folds them into one value.
 */
export function alertmanagerUnreachable(): Signal {
  const discovered = 'prometheus_notifications_alertmanagers_discovered';
  const errors = 'prometheus_notifications_errors_total';
  const none = `label_replace(${discovered} < bool 1, "reason", "none discovered", "", "")`;
  const failing = `label_replace(sum by (job, instance) (rate(${errors}[${RATE_WINDOW}])) > bool 0, "reason", "notifications failing", "", "")`;
  return {
    id: 'alertmanager-unreachable',
    expr: `max by (job, instance) (${none} or ${failing})`,
    format: 'plain',
    range: [0, 1],
    exact: true,
    testLabels: PROMETHEUS,
    series: (p) => [
      // v = 1: the Alertmanager is gone from discovery; the error counter stays flat throughout
      { series: seriesName(discovered, PROMETHEUS), values: gaugeValues(p, (v) => 1 - v) },
      {
        series: seriesName(errors, { ...PROMETHEUS, alertmanager: 'http://alertmanager:9093/api/v2/alerts' }),
        values: counterValues(p, () => 0),
      },
    ],
    valueOf: (v) => v,
  };
}

/** AlertmanagerUnreachable: critical only, a dead alert path has no milder form. */
export function alertmanagerPath(): Family[] {
  return [
    {
      group: 'market_master_pipeline',
      alert: 'AlertmanagerUnreachable',
      signal: alertmanagerUnreachable(),
      for: '5m',
      runbook: TROUBLESHOOT.alerts,
      summary: 'Prometheus cannot deliver alerts to Alertmanager',
      subject: '',
      description: (d) =>
        `Prometheus {{ $labels.instance }} has discovered no Alertmanager, or its notifications to one have ` +
        `failed, for ${d} (value {{ $value }}): alerts fire but reach no one. Check Alertmanager and ` +
        "Prometheus' alerting configuration.",
      levels: [{ severity: 'critical', op: '==', level: 1 }],
    },
  ];
}

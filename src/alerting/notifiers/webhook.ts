/**
 * A generic webhook: POSTs JSON shaped like Alertmanager's webhook payload
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config), so receivers written
 * for Alertmanager need little change. `version` is ours ('1'), not Alertmanager's '4'.
 */
import type { Config } from '../../config/index.js';
import { isoTime } from '../format-notice.js';
import type { Notice, NoticeAlert } from '../group-notices.js';
import { idempotencyHeaders, postJson } from './http-post.js';
import { DEFAULT_NOTIFY_TIMEOUT_MS, type Notifier, type NotifierFactory } from './types.js';

/** Webhook notifier options; config notify.webhook. */
export interface WebhookOptions {
  url: string;
  timeoutMs?: number;
}

/** Alertmanager writes the zero time as endsAt of a firing alert. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function webhookAlert(a: NoticeAlert) {
  return {
    status: a.status,
    event: a.event,
    labels: { alertname: a.name, severity: a.severity, ...a.labels },
    annotations: {
      summary: a.summary,
      description: a.description,
      runbook: a.runbook,
      runbook_url: `runbooks/${a.runbook}.md`,
    },
    startsAt: isoTime(a.since),
    endsAt: a.status === 'resolved' ? isoTime(a.resolvedAt) : ZERO_TIME,
    value: a.value,
  };
}

/** The JSON body: {version:'1', idempotencyKey, status, receiver, groupLabels, commonLabels, alerts:[...]}. */
export function webhookPayload(notice: Notice, key?: string) {
  return {
    version: '1',
    ...(key ? { idempotencyKey: key } : {}),
    status: notice.status,
    receiver: 'mmops',
    groupKey: `{severity="${notice.severity}"}`,
    groupLabels: { severity: notice.severity },
    commonLabels: { severity: notice.severity },
    summary: notice.summary,
    timestamp: isoTime(notice.at),
    alerts: notice.alerts.map(webhookAlert),
  };
}

/** Creates the webhook notifier. */
export function createWebhookNotifier(opts: WebhookOptions): Notifier {
  const timeout = opts.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
  return {
    name: 'webhook',
    timeoutMs: timeout,
    send: (notice, meta) =>
      postJson('webhook', opts.url, webhookPayload(notice, meta.key), timeout, idempotencyHeaders(meta.key)),
  };
}

/** Registry entry for the webhook: configured when notify.webhook.url is set. */
export const webhookFactory: NotifierFactory = {
  fromConfig(config: Config) {
    const { url } = config.notify.webhook;
    return url === null ? null : createWebhookNotifier({ url });
  },
};

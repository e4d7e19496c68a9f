/** Slack incoming webhook, with the market-master guide's send_slack_alert payload plus an attachment. */
import type { Config } from '../../config/index.js';
import { formatAlertLine } from '../format-notice.js';
import type { Notice } from '../group-notices.js';
import { idempotencyHeaders, postJson } from './http-post.js';
import { DEFAULT_NOTIFY_TIMEOUT_MS, type Notifier, type NotifierFactory } from './types.js';

/** Slack notifier options; config notify.slack. */
export interface SlackOptions {
  webhookUrl: string;
  channel: string;
  timeoutMs?: number;
}

// Slack's legacy attachment colours: 'danger' is red, 'warning' yellow, 'good' green.
const COLOR = { critical: 'danger', warning: 'warning', resolved: 'good' } as const;

/**
 * The guide's payload {channel, text: '🚨 Market Master Alert: ...', icon_emoji} plus one attachment, and
 * the delivery's idempotency key when given (Slack ignores fields it does not know).
 */
export function slackPayload(channel: string, notice: Notice, key?: string) {
  const lines = notice.alerts.map(formatAlertLine).join('\n');
  return {
    ...(key ? { idempotency_key: key } : {}),
    channel,
    text: `🚨 Market Master Alert: ${notice.summary}`,
    icon_emoji: ':warning:',
    attachments: [
      {
        color: notice.status === 'resolved' ? COLOR.resolved : COLOR[notice.severity],
        fallback: notice.summary,
        text: lines,
      },
    ],
  };
}

/** Creates the Slack notifier. */
export function createSlackNotifier(opts: SlackOptions): Notifier {
  const timeout = opts.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
  return {
    name: 'slack',
    timeoutMs: timeout,
    send: (notice, meta) =>
      postJson(
        'slack',
        opts.webhookUrl,
        slackPayload(opts.channel, notice, meta.key),
        timeout,
        idempotencyHeaders(meta.key),
      ),
  };
}

/** Registry entry for Slack: configured when notify.slack.webhook_url is set. */
export const slackFactory: NotifierFactory = {
  fromConfig(config: Config) {
    const { webhook_url, channel } = config.notify.slack;
    if (webhook_url === null) return null;
    return createSlackNotifier({ webhookUrl: webhook_url, channel });
  },
};

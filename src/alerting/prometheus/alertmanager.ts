/**
 * alertmanager.yml from the config: the same notify settings (and so the same environment variables:
 * SMTP_HOST, ALERT_EMAIL, SLACK_WEBHOOK_URL, ...) as the engine's own notifiers. Alertmanager 0.25 does
 * not expand environment variables in its config file, so the file is rendered where the values are known
 * (docker-compose renders it at start, from .env, into a volume only Alertmanager reads).
 */
import type { Config } from '../../config/index.js';
import { yamlFile } from './render-rules.js';

/** Timing overrides (a test stack wants seconds, not minutes). */
export interface AlertmanagerOptions {
  groupWait?: string;
  groupInterval?: string;
  /** Default: alerting.cooldown, the engine's repeat interval for a still-firing alert. */
  repeatInterval?: string;
}

/** The one receiver's name; it carries every configured channel. */
export const RECEIVER = 'mmops';

/**
 * Labels that name "the same thing" for inhibition: a critical alert mutes the warning of the same name
 * on the same job, instance, model, feature, resource, mountpoint or GPU. A label both alerts lack is equal.
 */
export const INHIBIT_EQUAL = [
  'alertname',
  'job',
  'instance',
  'model',
  'feature',
  'resource',
  'mountpoint',
  'gpu',
];

const TITLE = '[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }} ({{ .GroupLabels.severity }})';
const SLACK_TEXT =
  '{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\n' +
  'Runbook: {{ .Annotations.runbook_url }} (mmops runbook run {{ .Annotations.runbook }})\n{{ end }}';

/** The Alertmanager configuration document. */
export function alertmanagerConfig(config: Config, opts: AlertmanagerOptions = {}) {
  const { notify, alerting } = config;
  const sendResolved = alerting.send_resolved;
  const smtp = notify.smtp;
  const emailTo = notify.email.to;
  const email = emailTo !== null && smtp.host !== null;
  const global: Record<string, unknown> = { resolve_timeout: '5m' };
  if (email) {
    global.smtp_smarthost = `${smtp.host}:${smtp.port}`;
    global.smtp_from = smtp.from ?? smtp.username ?? emailTo;
    if (smtp.username !== null) global.smtp_auth_username = smtp.username;
    if (smtp.password !== null) global.smtp_auth_password = smtp.password;
    global.smtp_require_tls = smtp.starttls;
  }
  const receiver: Record<string, unknown> = { name: RECEIVER };
  if (email) {
    receiver.email_configs = [
      {
        to: emailTo,
        send_resolved: sendResolved,
        headers: { Subject: `${notify.email.subject_prefix} ${TITLE}` },
      },
    ];
  }
  if (notify.slack.webhook_url !== null) {
    receiver.slack_configs = [
      {
        api_url: notify.slack.webhook_url,
        channel: notify.slack.channel,
        send_resolved: sendResolved,
        title: TITLE,
        text: SLACK_TEXT,
      },
    ];
  }
  if (notify.webhook.url !== null) {
    receiver.webhook_configs = [{ url: notify.webhook.url, send_resolved: sendResolved }];
  }
  return {
    global,
    route: {
      receiver: RECEIVER,
      group_by: ['alertname', 'severity'],
      group_wait: opts.groupWait ?? '30s',
      group_interval: opts.groupInterval ?? '5m',
      repeat_interval: opts.repeatInterval ?? alerting.cooldown,
      // Critical alerts go out sooner; warnings wait a little for their group to fill.
      routes: [
        { matchers: ['severity="critical"'], receiver: RECEIVER, group_wait: opts.groupWait ?? '10s' },
      ],
    },
    receivers: [receiver],
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: INHIBIT_EQUAL,
      },
      // The market-master guide's SystemHealthDegraded reads the same engine gauges as the market-maker
      // rows: while one of those fires on the same instance it only repeats it (alone, it still notifies).
      ...(['Cpu', 'Memory'] as const).map((r) => ({
        source_matchers: [`alertname="High${r}Utilization"`, 'source="engine"'],
        target_matchers: ['alertname="SystemHealthDegraded"', `resource="${r.toLowerCase()}"`],
        equal: ['job', 'instance'],
      })),
    ],
  };
}

/** alertmanager.yml as text. */
export function renderAlertmanager(config: Config, header: string, opts: AlertmanagerOptions = {}): string {
  return yamlFile(alertmanagerConfig(config, opts), header);
}

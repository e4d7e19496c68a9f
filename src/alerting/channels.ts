/**
 * Channel validation (issue 12, "Notifications you can trust"): a channel set up halfway sends nothing and
 * says nothing, so the engine's start and `rules render --alertmanager` refuse it, naming the variables.
 * Pure: config in, problems out.
 */
import type { Config } from '../config/index.js';

/** `VARIABLE (config.key)`, how a problem names a setting. */
const SETTING = {
  to: 'ALERT_EMAIL (notify.email.to)',
  host: 'SMTP_HOST (notify.smtp.host)',
  username: 'SMTP_USERNAME (notify.smtp.username)',
  password: 'SMTP_PASSWORD (notify.smtp.password)',
  from: 'SMTP_FROM (notify.smtp.from)',
  slack: 'SLACK_WEBHOOK_URL (notify.slack.webhook_url)',
  webhook: 'MMOPS_WEBHOOK_URL (notify.webhook.url)',
} as const;

// Deliberately loose (RFC 5321's full grammar is not the point): one @, something on each side, no spaces.
const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+$/;

/** Every problem with the configured channels, one sentence each; empty when all are whole. */
export function channelProblems(config: Config): string[] {
  const { email, smtp, slack, webhook } = config.notify;
  const problems: string[] = [];
  if (email.to !== null) {
    if (smtp.host === null)
      problems.push(`${SETTING.to} is set but ${SETTING.host} is not: email cannot be sent`);
    if (smtp.from === null && smtp.username === null) {
      problems.push(
        `${SETTING.to} is set but neither ${SETTING.from} nor ${SETTING.username}: email has no sender`,
      );
    }
    const bad = email.to
      .split(',')
      .map((a) => a.trim())
      .filter((a) => !ADDRESS.test(a));
    if (bad.length > 0)
      problems.push(`${SETTING.to}: not an email address: ${bad.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  if (smtp.password !== null && smtp.username === null) {
    problems.push(`${SETTING.password} is set but ${SETTING.username} is not: SMTP login needs both`);
  }
  // The schema accepts any URL; a webhook must be http(s) with a host, or every post fails.
  if (slack.webhook_url !== null && !isHttpUrl(slack.webhook_url)) {
    problems.push(`${SETTING.slack}: not an http(s) URL`); // the value is a secret: not printed
  }
  if (webhook.url !== null && !isHttpUrl(webhook.url))
    problems.push(`${SETTING.webhook}: not an http(s) URL`);
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

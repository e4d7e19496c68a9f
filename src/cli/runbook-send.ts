/**
 * `runbook run --email TO --slack`: sends a run's report through the channels of config notify.*:
 * email over notify.smtp (the Markdown report as the body, the JSON report attached), and a short
 * summary to the notify.slack webhook. The record is already redacted; every error text is redacted again.
 */
import {
  DEFAULT_NOTIFY_TIMEOUT_MS,
  type EmailOptions,
  emailOptionsFromConfig,
  emailTransport,
  postJson,
} from '../alerting/index.js';
import type { Config } from '../config/index.js';
import {
  type RunRecord,
  renderJson,
  renderMarkdown,
  reportAttachmentName,
  reportSubject,
  slackSummary,
} from '../runbook/index.js';
import { CliError } from './exit.js';

/** Where to send: recipients (possibly none) and whether to post to Slack. */
export interface SendTargets {
  email: string[];
  slack: boolean;
}

/** A checked plan: the SMTP options and the webhook, resolved before the run starts. */
export interface SendPlan {
  email: EmailOptions | null;
  slack: { webhookUrl: string; channel: string } | null;
}

/** `--email a@x,b@y --email c@z` as one list, each address checked. */
export function parseRecipients(values: string[]): string[] {
  const all = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const a of all) {
    if (!/^[^\s@,<>]+@[^\s@,<>]+$/.test(a))
      throw new CliError(`--email "${a}": expected an address like oncall@example.com`);
  }
  return all;
}

/**
 * Checks the config can carry what was asked for, before any step runs: an unattended run that ends
 * by failing to send for want of an SMTP host would waste the run. Throws CliError (exit 2).
 */
export function planSend(config: Config, targets: SendTargets): SendPlan {
  let email: EmailOptions | null = null;
  if (targets.email.length > 0) {
    const to = targets.email.join(', ');
    email = emailOptionsFromConfig({
      ...config,
      notify: { ...config.notify, email: { ...config.notify.email, to } },
    });
    if (email === null) throw new CliError('--email: set notify.smtp.host (SMTP_HOST) in the config');
    if (!email.from && !email.username)
      throw new CliError('--email: set notify.smtp.from (SMTP_FROM) or notify.smtp.username, the sender');
  }
  let slack: SendPlan['slack'] = null;
  if (targets.slack) {
    const { webhook_url, channel } = config.notify.slack;
    if (webhook_url === null)
      throw new CliError('--slack: set notify.slack.webhook_url (SLACK_WEBHOOK_URL) in the config');
    slack = { webhookUrl: webhook_url, channel };
  }
  return { email, slack };
}

/** Emails the report: Markdown as the text body, the JSON report attached. */
async function sendEmail(o: EmailOptions, record: RunRecord): Promise<void> {
  const transport = emailTransport(o);
  try {
    await transport.sendMail({
      from: (o.from ?? o.username)!,
      to: o.to,
      subject: reportSubject(record),
      text: renderMarkdown(record, { fullOutput: `the attached ${reportAttachmentName(record)}` }),
      attachments: [
        {
          filename: reportAttachmentName(record),
          content: renderJson(record),
          contentType: 'application/json',
        },
      ],
    });
  } finally {
    transport.close();
  }
}

/** Posts the summary; errors say "HTTP 500" or the socket error code, never the (secret) webhook URL. */
async function postSlack(s: NonNullable<SendPlan['slack']>, record: RunRecord): Promise<void> {
  await postJson('', s.webhookUrl, slackSummary(record, s.channel), DEFAULT_NOTIFY_TIMEOUT_MS);
}

/**
 * Sends what the plan holds. A failed channel does not stop the other; each failure comes back as one
 * line (redacted) for stderr. The run's exit code does not change: the report was written and journalled.
 */
export async function sendReport(
  plan: SendPlan,
  record: RunRecord,
  redact: (s: string) => string,
): Promise<{ sent: string[]; failed: string[] }> {
  const sent: string[] = [];
  const failed: string[] = [];
  const attempt = async (what: string, send: () => Promise<void>) => {
    try {
      await send();
      sent.push(what);
    } catch (err) {
      failed.push(redact(`could not ${what}: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  const { email, slack } = plan;
  await Promise.all([
    email ? attempt(`email the report to ${email.to}`, () => sendEmail(email, record)) : undefined,
    slack ? attempt('post the report to Slack', () => postSlack(slack, record)) : undefined,
  ]);
  return { sent, failed };
}

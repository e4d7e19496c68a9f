/**
 * `mmops notify test [--channel email|slack|webhook|alertmanager]`: a clearly marked test alert through each
 * configured channel (or the one named), and per channel delivered or failed with the reason. Exit 0 when
 * every one delivered, 1 when one failed, 2 for a channel that is not (or half) configured.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import {
  alertmanagerConfigured,
  channelProblems,
  NOTIFIERS,
  type NotifierName,
  testNotice,
} from '../alerting/index.js';
import type { Config } from '../config/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { testAlertmanager } from './notify-alertmanager.js';

/** The command's options, as commander parses them. */
export interface Opts {
  channel?: string;
  wait: string;
  json?: boolean;
}

/** Every channel `notify test` knows. */
export const CHANNELS = ['email', 'slack', 'webhook', 'alertmanager'] as const;
type Channel = (typeof CHANNELS)[number];

/** One channel's outcome. */
interface Outcome {
  channel: Channel;
  delivered: boolean;
  reason: string;
  ms: number;
}

// What to set for each channel, for the "not configured" message.
const NEEDS: Record<Channel, string> = {
  email: 'ALERT_EMAIL and SMTP_HOST (notify.email.to, notify.smtp.host)',
  slack: 'SLACK_WEBHOOK_URL (notify.slack.webhook_url)',
  webhook: 'MMOPS_WEBHOOK_URL (notify.webhook.url)',
  alertmanager: 'ALERTMANAGER_URL (sources.alertmanager_url)',
};

/** Sends the test alert and prints the outcome per channel. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config, origins } = configFor(cmd);
  const waitSeconds = Number(opts.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) {
    throw new CliError(`--wait ${JSON.stringify(opts.wait)}: not a number of seconds`);
  }
  const problems = channelProblems(config);
  if (problems.length > 0) throw new CliError(problems.map((p) => `notify: ${p}`).join('\nmmops: '));
  const configured = CHANNELS.filter((c) =>
    c === 'alertmanager' ? alertmanagerConfigured(origins) : NOTIFIERS[c].fromConfig(config) !== null,
  );
  let chosen: Channel[] = configured;
  if (opts.channel !== undefined) {
    const c = opts.channel as Channel;
    if (!CHANNELS.includes(c))
      throw new CliError(`--channel ${opts.channel}: use one of ${CHANNELS.join(', ')}`);
    // Asked for by name, Alertmanager is tried at sources.alertmanager_url even when that is the default.
    if (c !== 'alertmanager' && !configured.includes(c))
      throw new CliError(`--channel ${c}: not configured: set ${NEEDS[c]}`);
    chosen = [c];
  }
  if (chosen.length === 0) {
    throw new CliError(`no notification channel is configured: set ${Object.values(NEEDS).join(', or ')}`);
  }
  const outcomes: Outcome[] = [];
  for (const channel of chosen) outcomes.push(await testChannel(channel, config, waitSeconds * 1000));
  if (opts.json) printJson({ channels: outcomes });
  else {
    for (const o of outcomes) {
      process.stdout.write(
        `${o.channel}: ${o.delivered ? 'delivered' : 'FAILED'} (${o.ms} ms): ${o.reason}\n`,
      );
    }
  }
  return outcomes.every((o) => o.delivered) ? EXIT.ok : EXIT.finding;
}

async function testChannel(channel: Channel, config: Config, waitMs: number): Promise<Outcome> {
  const started = Date.now();
  const host = hostname();
  const done = (delivered: boolean, reason: string): Outcome => ({
    channel,
    delivered,
    reason,
    ms: Date.now() - started,
  });
  try {
    if (channel === 'alertmanager') {
      const r = await testAlertmanager(config.sources.alertmanager_url, {
        host,
        now: Date.now,
        waitMs,
        timeoutMs: config.sources.timeout_seconds * 1000,
      });
      return done(r.delivered, `${r.reason} (${config.sources.alertmanager_url})`);
    }
    const notifier = NOTIFIERS[channel as NotifierName].fromConfig(config);
    if (notifier === null) return done(false, `not configured: set ${NEEDS[channel]}`);
    await notifier.send(testNotice(Date.now(), host), { key: `test-${randomUUID()}` });
    return done(true, `accepted by the ${channel === 'email' ? 'SMTP server' : 'receiver'}`);
  } catch (err) {
    return done(false, err instanceof Error ? err.message : String(err));
  }
}

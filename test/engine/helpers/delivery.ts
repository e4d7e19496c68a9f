/**
 * The real engine binary with an alert that fires in seconds (p95 latency 0.5 s against a 0.25 s critical
 * level, `for: 0s`, 1 s intervals) and short retry backoff, for the delivery tests against real receivers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Running, startEngineBinary } from '../../cli/helpers/long-running.js';
import { records, send } from './engine.js';

/** Where the engine sends. */
export interface Channels {
  smtpPort?: number;
  webhookUrl?: string;
  slackUrl?: string;
  /** notify.engine_notifiers; "on" by default here (the shipped default is "auto"). */
  engineNotifiers?: 'on' | 'off' | 'auto';
}

/** Writes the engine's config into `dir` and returns its path. */
export function writeDeliveryConfig(dir: string, c: Channels): string {
  const lines = [
    'intervals: { monitoring_seconds: 1, alert_check_seconds: 1 }',
    'thresholds:',
    '  prediction_latency_seconds: { warning: 0.1, critical: 0.25, direction: above, for: 0s }',
    'notify:',
    `  engine_notifiers: "${c.engineNotifiers ?? 'on'}"`,
    '  delivery: { retry_base: 200ms, retry_max: 1s, max_age: 1h, unhealthy_after: 10m }',
    ...(c.smtpPort !== undefined
      ? [
          '  email: { to: oncall@example.test }',
          `  smtp: { host: 127.0.0.1, port: ${c.smtpPort}, from: mmops@example.test, starttls: false }`,
        ]
      : []),
    ...(c.webhookUrl ? [`  webhook: { url: "${c.webhookUrl}" }`] : []),
    ...(c.slackUrl ? [`  slack: { webhook_url: "${c.slackUrl}" }`] : []),
  ];
  const file = join(dir, 'engine.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Starts `mmops engine` on a free port with the config and data dir in `dir`. */
export function startDeliveryEngine(
  dir: string,
  config: string,
  env: Record<string, string> = {},
): Promise<Running & { url: string }> {
  return startEngineBinary(['--config', config, '--port', '0', '--data-dir', join(dir, 'data')], {
    HOME: dir,
    PATH: process.env.PATH ?? '',
    ...env,
  });
}

/** Posts records whose latency is 0.5 s: HighPredictionLatency goes critical at the next alert check. */
export async function sendSlowRecords(engineUrl: string, n = 60): Promise<void> {
  const batch = records(n, { prefix: `slow-${Date.now()}` }).map((r) => ({ ...r, latency_seconds: 0.5 }));
  const r = await send(`${engineUrl}/api/v1/predictions`, JSON.stringify(batch));
  if (r.status !== 200 && r.status !== 202) throw new Error(`ingest answered ${r.status}`);
}

/** One sample of /metrics, e.g. metricValue(text, 'market_master_notifications_pending', 'channel="email"'). */
export function metricValue(text: string, name: string, labels = ''): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels && !line.includes(labels)) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

/** The engine's /metrics text. */
export async function metricsText(engineUrl: string): Promise<string> {
  return (await fetch(`${engineUrl}/metrics`)).text();
}

/** Stops the engine with SIGTERM and waits for it to exit (the queue is written on the way out). */
export async function stopEngine(engine: Running): Promise<void> {
  engine.child.kill('SIGTERM');
  await engine.child;
}

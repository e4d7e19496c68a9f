/**
 * The engine's notification delivery: channels validated, the path chosen (engine or Alertmanager), the
 * dispatcher over the configured notifiers with its queue in the data dir, restored from before a restart.
 */
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import {
  channelProblems,
  createDispatcher,
  createQueueFile,
  type Dispatcher,
  type DispatcherOptions,
  engineNotifiersOn,
  type Notifier,
  notifiersFromConfig,
} from '../alerting/index.js';
import { type Config, formatDuration, parseDuration } from '../config/index.js';
import { registerNotifyMetrics } from './notify-metrics.js';

/** The queue file in the data dir, beside alert-history.ndjson. */
export const QUEUE_FILE = 'notify-queue.json';

/** What the setup needs. */
export interface NotifySetupOptions {
  config: Config;
  dataDir: string;
  clock: () => number;
  say: (line: string) => void;
  registry: Registry;
  /** Replaces the notifiers built from config.notify (always used, whatever the path). */
  notifiers?: Notifier[];
  /** True when the user configured Alertmanager: then, by default, it notifies and the engine does not. */
  alertmanagerConfigured?: boolean;
  /** Overrides of the dispatcher's tuning. */
  tuning?: Omit<DispatcherOptions, 'notifiers' | 'store'>;
}

/** Problems of a half-configured channel, or null; the engine refuses to start with them. */
export function notifyStartProblem(config: Config): string | null {
  const problems = channelProblems(config);
  return problems.length === 0 ? null : problems.map((p) => `notify: ${p}`).join('\n');
}

/** Creates and restores the dispatcher; says which path delivers. */
export async function setupNotify(o: NotifySetupOptions): Promise<Dispatcher> {
  const { config, say } = o;
  const own = engineNotifiersOn(config, o.alertmanagerConfigured ?? false);
  const notifiers = o.notifiers ?? (own ? notifiersFromConfig(config) : []);
  if (o.notifiers === undefined) {
    say(
      own
        ? `notify: the engine sends alerts (${notifiers.map((n) => n.name).join(', ') || 'no channel configured'})`
        : "notify: Alertmanager is configured, so it sends the alerts; the engine's own notifiers are off (notify.engine_notifiers)",
    );
  }
  const d = config.notify.delivery;
  const dispatcher = createDispatcher({
    clock: o.clock,
    baseDelayMs: parseDuration(d.retry_base) * 1000,
    maxDelayMs: parseDuration(d.retry_max) * 1000,
    maxAgeMs: parseDuration(d.max_age) * 1000,
    repeatMs: parseDuration(config.alerting.cooldown) * 1000,
    onError: (err, f) =>
      say(
        `notify: ${f.notifier} attempt ${f.attempt} failed, next in ${formatDuration(Math.max(0, f.retryAt - o.clock()) / 1000)}: ${String(err)}`,
      ),
    onWarning: say,
    ...o.tuning,
    notifiers,
    store: createQueueFile(join(o.dataDir, QUEUE_FILE), say),
  });
  await dispatcher.restore();
  registerNotifyMetrics(o.registry, config.metrics.prefix, () => dispatcher.stats(), o.clock);
  return dispatcher;
}

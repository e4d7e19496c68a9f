/**
 * The delivery queue as Prometheus metrics, read from the dispatcher at scrape time: what is pending, for
 * how long, what was sent, failed and given up, per channel. NotificationsFailing alerts on the age.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DispatcherStats } from '../alerting/index.js';
import { metricNames } from './metrics/names.js';

/** Registers the delivery metrics on `registry`, filled from `stats()` at each scrape. */
export function registerNotifyMetrics(
  registry: Registry,
  prefix: string,
  stats: () => DispatcherStats,
  clock: () => number,
): void {
  const all = metricNames(prefix);
  const names = {
    pending: all.notificationsPending,
    oldestPendingAge: all.notificationsOldestPendingAge,
    sent: all.notificationsSent,
    failed: all.notificationsFailed,
    expired: all.notificationsExpired,
  };
  const registers = [registry];
  const labelNames = ['channel'] as const;
  const rows = () => Object.entries(stats().notifiers);
  new Gauge({
    name: names.pending,
    help: 'Notifications queued for a channel and not yet delivered.',
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const [channel, s] of rows()) this.set({ channel }, s.pending);
    },
  });
  new Gauge({
    name: names.oldestPendingAge,
    help: 'Age of the oldest undelivered notification of a channel, seconds; 0 when none is pending.',
    labelNames,
    registers,
    collect() {
      this.reset();
      const now = clock();
      for (const [channel, s] of rows()) {
        this.set({ channel }, s.oldestPendingAt === null ? 0 : Math.max(0, (now - s.oldestPendingAt) / 1000));
      }
    },
  });
  // Counters mirror the dispatcher's own counts, which only grow while the engine runs.
  const counter = (name: string, help: string, pick: (s: DispatcherStats['notifiers'][string]) => number) =>
    new Counter({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const [channel, s] of rows()) this.inc({ channel }, pick(s));
      },
    });
  counter(names.sent, 'Notifications delivered, per channel.', (s) => s.sent);
  counter(names.failed, 'Failed delivery attempts, per channel (each retry counts).', (s) => s.failed);
  counter(
    names.expired,
    'Notifications given up after notify.delivery.max_age, per channel.',
    (s) => s.expired,
  );
}

/** The store's figures on the engine's /metrics, read from the writer's status at scrape time. */
import { Counter, Gauge, type Registry } from 'prom-client';
import { metricNames } from '../metrics/names.js';
import type { StoreStatus } from './store-status.js';

/** Registers the store's gauges and counters on `registry`, each read from `status()` when scraped. */
export function registerStoreMetrics(registry: Registry, prefix: string, status: () => StoreStatus): void {
  const all = metricNames(prefix);
  const n = {
    up: all.storeUp,
    lagRecords: all.storeLagRecords,
    lagSeconds: all.storeLagSeconds,
    yielding: all.storeYielding,
    written: all.storeWritten,
    duplicates: all.storeDuplicates,
    skipped: all.storeSkipped,
    failures: all.storeFailures,
  };
  const registers = [registry];
  // one status per scrape: the collect callbacks below all run within the same registry.metrics() call
  let cached: { at: number; s: StoreStatus } | null = null;
  const read = () => {
    const now = Date.now();
    if (!cached || now - cached.at > 100) cached = { at: now, s: status() };
    return cached.s;
  };
  const gauge = (name: string, help: string, value: (s: StoreStatus) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(value(read()));
      },
    });
  gauge(n.up, '1 while the store writer is connected to PostgreSQL, 0 while it is not.', (s) =>
    s.state === 'up' ? 1 : 0,
  );
  gauge(
    n.lagRecords,
    'Event log entries not yet in PostgreSQL (-1 before the first connection).',
    (s) => s.lagRecords ?? -1,
  );
  gauge(
    n.lagSeconds,
    'Age of the oldest event log entry not yet in PostgreSQL, seconds; 0 when caught up.',
    (s) => s.lagSeconds,
  );
  gauge(
    n.yielding,
    '1 while the store writer defers its writes to a busy ingest (its lag under storage.yield_lag_seconds).',
    (s) => (s.yielding ? 1 : 0),
  );
  // Counters that mirror the writer's own counts: set to the running total at scrape time.
  const mirror = (
    name: string,
    help: string,
    labelNames: string[],
    values: (s: StoreStatus) => [string[], number][],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const [labels, v] of values(read())) {
          this.inc(Object.fromEntries(labelNames.map((l, i) => [l, labels[i]!])), v);
        }
      },
    });
  mirror(
    n.written,
    'Rows the store wrote, by kind (prediction inserts, actual updates, metric rows).',
    ['kind'],
    (s) => [
      [['prediction'], s.written.predictions],
      [['actual'], s.written.actuals],
      [['metric'], s.written.metrics],
    ],
  );
  mirror(
    n.duplicates,
    'Predictions already in PostgreSQL when written again (replay after a crash).',
    [],
    (s) => [[[], s.duplicates]],
  );
  mirror(
    n.skipped,
    'Log entries not stored: older than the retention, or refused by PostgreSQL.',
    ['reason'],
    (s) => [
      [['expired'], s.skipped.expired],
      [['refused'], s.skipped.refused],
    ],
  );
  mirror(n.failures, 'Failed connection attempts and transactions of the store writer.', [], (s) => [
    [[], s.failures],
  ]);
}

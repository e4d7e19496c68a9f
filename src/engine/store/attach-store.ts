/** The store wired into an engine: the log wrapped to wake the writer, the metrics registered. */
import type { Registry } from 'prom-client';
import type { Config } from '../../config/index.js';
import type { EventLog } from '../event-log/index.js';
import { openStore, type Store, type StoreOptions } from './open-store.js';
import { registerStoreMetrics } from './store-metrics.js';
import { storeSource } from './store-source.js';
import { watchAppends } from './watch-appends.js';

/** What attachStore needs; call it after the log's replay and before the engine serves. */
export interface AttachOptions {
  config: Config;
  dataDir: string;
  logDir: string;
  log: EventLog;
  registry: Registry;
  clock: () => number;
  say: (line: string) => void;
  figures: NonNullable<StoreOptions['figures']>;
  underPressure: NonNullable<StoreOptions['underPressure']>;
}

/** The log ingest should append to, and the store (null when storage.database_url is not set). */
export async function attachStore(o: AttachOptions): Promise<{ log: EventLog; store: Store | null }> {
  const url = o.config.storage.database_url;
  if (!url) return { log: o.log, store: null };
  let store: Store | null = null;
  const watched = watchAppends(o.log, () => store?.nudge());
  store = await openStore({
    config: o.config,
    url,
    logDir: o.logDir,
    source: await storeSource(o.dataDir),
    settled: watched.settled,
    clock: o.clock,
    say: o.say,
    figures: o.figures,
    underPressure: o.underPressure,
  });
  registerStoreMetrics(o.registry, o.config.metrics.prefix, store.status);
  return { log: watched.log, store };
}

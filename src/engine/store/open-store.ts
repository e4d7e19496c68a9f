/**
 * The prediction store as the engine runs it: checks storage.database_url, opens the log reader, and starts
 * the writer, which connects (and migrates) in the background. Nothing here waits on PostgreSQL, so an
 * unreachable or misconfigured database never delays the engine's start or its ingest.
 */
import pg from 'pg';
import type { Config } from '../../config/index.js';
import { LogTail } from '../event-log/tail-reader.js';
import { checkDatabaseUrl, scrubPassword } from './database-url.js';
import { migrate } from './migrate.js';
import { dropExpired, ensureDays, ensureDaysAhead } from './partitions.js';
import { type StoreStatus, storeSettings } from './store-status.js';
import { startWriter, type WriterDeps } from './writer.js';

/** What the store needs from the engine. */
export interface StoreOptions {
  config: Config;
  url: string;
  /** The event log's segment directory. */
  logDir: string;
  source: string;
  settled: () => number;
  clock: () => number;
  say: (line: string) => void;
  figures?: WriterDeps['figures'];
  /** True while ingest is under pressure: the writer defers to it (storage.yield_lag_seconds). */
  underPressure?: WriterDeps['underPressure'];
}

/** A running store. */
export interface Store {
  source: string;
  /** Wakes the writer after an append. */
  nudge(): void;
  status(): StoreStatus;
  /** Drops partitions past engine.retention_days and creates the coming days' (the hourly task). */
  retention(): Promise<string[]>;
  close(): Promise<void>;
}

/** A connected client; errors have the password removed. */
export async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    // a hung server must not hold the writer forever: the statement fails, the writer reconnects and retries
    query_timeout: 60_000,
    keepAlive: true,
    application_name: 'mmops-store',
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw scrubbed(err, url);
  }
}

/** A connected client with the schema migrated (the engine's start, and each reconnect). */
export async function connectStore(url: string): Promise<pg.Client> {
  const client = await openClient(url);
  try {
    await migrate(client);
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw scrubbed(err, url);
  }
}

function scrubbed(err: unknown, url: string): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.message = scrubPassword(e.message, url);
  return e;
}

/** Starts the store, or says why it cannot (a malformed URL) and returns a store that stays down. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  const { clock, say, url } = opts;
  const checked = checkDatabaseUrl(url);
  const settings = storeSettings(opts.config);
  const retentionDays = opts.config.engine.retention_days;
  if (!checked.ok) {
    const error = `storage.database_url (DATABASE_URL) ${checked.shown} is malformed: ${checked.problem}`;
    say(`store: ${error}; the store stays down, ingest goes on`);
    const since = clock();
    return {
      source: opts.source,
      nudge: () => {},
      status: () => ({
        state: 'down',
        since,
        error,
        lagRecords: null,
        lagSeconds: (clock() - since) / 1000,
        yielding: false,
        written: { predictions: 0, actuals: 0, metrics: 0 },
        duplicates: 0,
        skipped: { expired: 0, refused: 0 },
        failures: 0,
      }),
      retention: async () => [],
      close: async () => {},
    };
  }
  say(`store: writing to ${checked.shown} as source ${opts.source}`);
  const tail = await LogTail.open({ dir: opts.logDir, settled: opts.settled });
  const known = new Set<string>();
  const writer = startWriter({
    tail,
    source: opts.source,
    settings,
    connect: () => connectStore(url),
    ensureDays: (client, days) => ensureDays(client, days, known),
    clock,
    say: (line) => say(scrubPassword(line, url)),
    ...(opts.figures ? { figures: opts.figures } : {}),
    ...(opts.underPressure ? { underPressure: opts.underPressure } : {}),
  });
  return {
    source: opts.source,
    nudge: writer.nudge,
    status: writer.status,
    async retention() {
      const client = await connectStore(url);
      try {
        await ensureDaysAhead(client, clock());
        const dropped = await dropExpired(client, retentionDays);
        for (const d of dropped) known.delete(d.slice(-8));
        if (dropped.length > 0) say(`store: retention dropped ${dropped.join(', ')}`);
        return dropped;
      } finally {
        await client.end().catch(() => {});
      }
    },
    close: () => writer.close(),
  };
}

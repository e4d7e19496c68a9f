/** The store's settings from the config, its status for /health and /metrics, and its error policy. */
import type { Config } from '../../config/index.js';

/** The writer's knobs in base units. */
export interface StoreSettings {
  /** The guide's collection_interval: the longest a record waits for a batch to fill. */
  intervalMs: number;
  /** The guide's batch_size: a write starts once this many records wait. */
  batchSize: number;
  /** The guide's buffer_size: records read ahead of PostgreSQL, and the most one transaction carries. */
  bufferSize: number;
  /** engine.retention_days: older predictions are not written, older partitions are dropped. */
  retentionMs: number;
  /**
   * storage.yield_lag_seconds: while ingest is under pressure the writer defers its writes until the oldest
   * record waiting is this old; 0: it never defers.
   */
  yieldLagMs: number;
}

/** Settings from `storage.*` and `engine.retention_days`. */
export function storeSettings(config: Config): StoreSettings {
  const s = config.storage;
  return {
    intervalMs: s.collection_interval_seconds * 1000,
    batchSize: s.batch_size,
    bufferSize: Math.max(s.buffer_size, s.batch_size),
    retentionMs: config.engine.retention_days * 86_400_000,
    yieldLagMs: s.yield_lag_seconds * 1000,
  };
}

/** What the writer reports. */
export interface StoreStatus {
  /** connecting (before the first answer), up, or down (with the error, password removed). */
  state: 'connecting' | 'up' | 'down';
  /** When the state last changed, epoch ms. */
  since: number;
  error: string | null;
  /** Log entries not yet in PostgreSQL; null before the first connection (the checkpoint is unknown). */
  lagRecords: number | null;
  /** Age of the oldest entry not yet in PostgreSQL, seconds; 0 when caught up. */
  lagSeconds: number;
  /** True while the writer defers its writes to a busy ingest (the lag still under storage.yield_lag_seconds). */
  yielding: boolean;
  written: { predictions: number; actuals: number; metrics: number };
  /** Predictions already stored when written again (replay after a crash). */
  duplicates: number;
  skipped: { expired: number; refused: number };
  /** Failed connection attempts and transactions. */
  failures: number;
}

/** Retry delay after `attempt` failures in a row: 0.5 s doubling to 10 s (one cheap connect attempt). */
export function backoffMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
}

/**
 * True for an error in the data of one row (SQLSTATE class 22 data exception, 23 integrity constraint):
 * retrying the same batch would fail forever. Anything else (connection lost, timeout, shutdown) is retried.
 * https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** Counts the event log's settled appends and says when one settles: what the store's log reader waits on. */
import type { EventLog } from '../event-log/index.js';

/** The log with counting appends, and the count. */
export interface WatchedLog {
  log: EventLog;
  /** Entries whose append has resolved (written and fsynced) since the log was opened. */
  settled(): number;
}

/**
 * Wraps `log` so each append that resolves adds its entries, and each that settles calls `onSettled` (which
 * must not throw). A rejected append adds nothing: the log cuts its partial write off, and counting it would
 * let the reader into the next append before its fsync. (Should a failed append's lines stay in the file,
 * the reader only falls that many entries behind until more appends come, or the next start.)
 */
export function watchAppends(log: EventLog, onSettled: () => void): WatchedLog {
  let settled = 0;
  const settle = async (entries: number, write: () => Promise<void>) => {
    try {
      await write();
      settled += entries;
    } finally {
      onSettled();
    }
  };
  return {
    log: {
      ...log,
      append: (entries) => settle(entries.length, () => log.append(entries)),
      appendEncoded: (batch) => settle(batch.entries, () => log.appendEncoded(batch)),
    },
    settled: () => settled,
  };
}

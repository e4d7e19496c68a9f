/** Counts the event log's settled appends and says when one settles: what the store's log reader waits on. */
import type { EventLog } from '../event-log/index.js';

/** The log with counting appends, and the count. */
export interface WatchedLog {
  log: EventLog;
  /** Entries whose append has resolved (fsynced) or rejected since the log was opened. */
  settled(): number;
}

/**
 * Wraps `log` so each append that settles adds its entries and calls `onSettled` (which must not throw). A
 * rejected append counts too: its lines are either cut off or left in a closed segment ("may replay").
 */
export function watchAppends(log: EventLog, onSettled: () => void): WatchedLog {
  let settled = 0;
  const settle = async (entries: number, write: () => Promise<void>) => {
    try {
      await write();
    } finally {
      settled += entries;
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

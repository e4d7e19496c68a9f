/** The dispatcher's options, counters and interface (dispatcher.ts holds the implementation). */
import type { Notice } from '../group-notices.js';
import type { Notifier } from '../notifiers/types.js';
import type { QueueFile } from './queue-file.js';

/** One failed attempt, for onError. */
export interface DispatchFailure {
  notifier: string;
  attempt: number;
  /** When the next attempt is due (epoch ms). */
  retryAt: number;
  notice: Notice;
}

/** Dispatcher tunables; everything but notifiers has a default. */
export interface DispatcherOptions {
  notifiers: readonly Notifier[];
  /** Epoch ms. */
  clock?: () => number;
  random?: () => number;
  /** The first retry's delay (default 1 s); it doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  /** The backoff cap (default 5 min). */
  maxDelayMs?: number;
  /** A delivery still pending after this long is given up (default 24 h). */
  maxAgeMs?: number;
  /** The repeat interval: a re-fire within it is not told again (default 30 min, alerting.cooldown). */
  repeatMs?: number;
  /** Deliveries kept per channel (default 1000); past it the oldest is dropped, with a warning. */
  maxPerChannel?: number;
  /** One attempt is abandoned after this long; default the notifier's own timeoutMs plus 30 s. */
  attemptTimeoutMs?: number;
  /** Where the queue is kept; memory only without it. */
  store?: QueueFile;
  onError?: (error: unknown, failure: DispatchFailure) => void;
  /** Warnings such as a given-up notice or a failed queue write; console.warn by default. */
  onWarning?: (message: string) => void;
}

/** Counters for one channel. */
export interface NotifierStats {
  sent: number;
  /** Failed attempts (each retry counts). */
  failed: number;
  /** Deliveries not yet made. */
  pending: number;
  /** Deliveries given up after maxAgeMs. */
  expired: number;
  /** When the oldest pending delivery was queued (epoch ms), or null. */
  oldestPendingAt: number | null;
  lastSentAt: number | null;
  lastError: { at: number; message: string } | null;
}

/** Totals plus the per-channel counters. */
export interface DispatcherStats {
  sent: number;
  failed: number;
  pending: number;
  expired: number;
  oldestPendingAt: number | null;
  notifiers: Record<string, NotifierStats>;
}

/** The queueing, retrying sender. */
export interface Dispatcher {
  /** Reads the stored queue (deliveries from before a restart) and starts the workers. */
  restore(): Promise<void>;
  /** Queues the notice for every channel and returns at once. Never throws. */
  dispatch(notice: Notice): void;
  /**
   * Takes note of a notice that is not to be sent (a resolution with alerting.send_resolved off): its
   * resolved alerts still end their waiting firing notices.
   */
  record(notice: Notice): void;
  stats(): DispatcherStats;
  /** Resolves when nothing is pending (tests). */
  drain(): Promise<void>;
  /** Stops the workers, waits up to `graceMs` for sends in flight, writes the queue a last time. */
  close(graceMs?: number): Promise<void>;
}

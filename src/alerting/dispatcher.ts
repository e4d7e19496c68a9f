/**
 * Delivery with retry. dispatch() only enqueues, so an evaluation never waits on SMTP or Slack.
 * Each notifier has its own bounded queue and one worker, so a dead SMTP server does not delay
 * Slack; failures are retried with backoff and never escape as exceptions or unhandled rejections.
 */
import { backoffDelay } from './backoff.js';
import type { Notice } from './group-notices.js';
import type { Notifier } from './notifiers/types.js';

/** Why a send failed, for onError. */
export interface DispatchFailure {
  notifier: string;
  attempt: number;
  /** True when no retry follows: the notice is given up. */
  final: boolean;
  notice: Notice;
}

/** Dispatcher tunables; everything but notifiers has a default. */
export interface DispatcherOptions {
  notifiers: readonly Notifier[];
  /** Epoch ms, for the stats' timestamps. */
  clock?: () => number;
  /** Waits between attempts; injected so tests can run fast. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts per notice and notifier, the first included (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Queued notices per notifier before the oldest is dropped (default 100). */
  maxQueue?: number;
  /** One attempt is abandoned after this long (default 30 s), so a hung send cannot stall the queue. */
  attemptTimeoutMs?: number;
  onError?: (error: unknown, failure: DispatchFailure) => void;
  /** Warnings such as a dropped notice; console.warn by default. */
  onWarning?: (message: string) => void;
}

/** Counters for one notifier. */
export interface NotifierStats {
  sent: number;
  failed: number;
  /** Queued plus in flight. */
  pending: number;
  dropped: number;
  lastSentAt: number | null;
  lastError: { at: number; message: string } | null;
}

/** Totals plus the per-notifier counters. */
export interface DispatcherStats {
  sent: number;
  failed: number;
  pending: number;
  dropped: number;
  notifiers: Record<string, NotifierStats>;
}

/** The queueing, retrying sender. */
export interface Dispatcher {
  /** Queues the notice for every notifier and returns at once. Never throws. */
  dispatch(notice: Notice): void;
  stats(): DispatcherStats;
  /** Resolves when every queue is empty and nothing is in flight (shutdown, tests). */
  drain(): Promise<void>;
}

interface Lane {
  notifier: Notifier;
  queue: Notice[];
  inFlight: boolean;
  worker: Promise<void> | null;
  stats: Omit<NotifierStats, 'pending'>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a dispatcher over the given notifiers. */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const maxQueue = Math.max(1, opts.maxQueue ?? 100);
  const attemptTimeoutMs = opts.attemptTimeoutMs ?? 30_000;
  const backoff = {
    baseDelayMs: opts.baseDelayMs ?? 1000,
    maxDelayMs: opts.maxDelayMs ?? 60_000,
    random: opts.random,
  };
  const lanes: Lane[] = opts.notifiers.map((notifier) => ({
    notifier,
    queue: [],
    inFlight: false,
    worker: null,
    stats: { sent: 0, failed: 0, dropped: 0, lastSentAt: null, lastError: null },
  }));

  // Callbacks are the caller's code: a throwing logger must not kill a worker.
  const warn = (message: string) => guard(() => (opts.onWarning ?? console.warn)(message));
  const report = (err: unknown, failure: DispatchFailure) => guard(() => opts.onError?.(err, failure));

  async function deliver(lane: Lane, notice: Notice): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await withTimeout(() => lane.notifier.send(notice), attemptTimeoutMs, lane.notifier.name);
        lane.stats.sent += 1;
        lane.stats.lastSentAt = clock();
        return;
      } catch (err) {
        const final = attempt >= maxAttempts;
        lane.stats.lastError = { at: clock(), message: err instanceof Error ? err.message : String(err) };
        report(err, { notifier: lane.notifier.name, attempt, final, notice });
        if (final) {
          lane.stats.failed += 1;
          return;
        }
        await sleep(backoffDelay(attempt, backoff));
      }
    }
  }

  async function work(lane: Lane): Promise<void> {
    for (let notice = lane.queue.shift(); notice !== undefined; notice = lane.queue.shift()) {
      lane.inFlight = true;
      try {
        await deliver(lane, notice);
      } finally {
        lane.inFlight = false;
      }
    }
  }

  function start(lane: Lane): void {
    if (lane.worker !== null) return;
    lane.worker = work(lane)
      .catch((err) => warn(`dispatcher: ${lane.notifier.name} worker failed: ${String(err)}`))
      .finally(() => {
        lane.worker = null;
        if (lane.queue.length > 0) start(lane); // a notice queued while the worker was finishing
      });
  }

  return {
    dispatch(notice) {
      for (const lane of lanes) {
        lane.queue.push(notice);
        if (lane.queue.length > maxQueue) {
          const dropped = lane.queue.shift();
          lane.stats.dropped += 1;
          warn(
            `dispatcher: ${lane.notifier.name} queue full (${maxQueue}); dropped the oldest notice: ${dropped?.summary}`,
          );
        }
        start(lane);
      }
    },
    stats() {
      const notifiers: Record<string, NotifierStats> = {};
      const total = { sent: 0, failed: 0, pending: 0, dropped: 0 };
      for (const lane of lanes) {
        const s = { ...lane.stats, pending: lane.queue.length + (lane.inFlight ? 1 : 0) };
        notifiers[lane.notifier.name] = s;
        total.sent += s.sent;
        total.failed += s.failed;
        total.pending += s.pending;
        total.dropped += s.dropped;
      }
      return { ...total, notifiers };
    },
    async drain() {
      // A worker may restart itself in its finally; loop until none is running.
      while (lanes.some((l) => l.worker !== null)) await Promise.all(lanes.map((l) => l.worker));
    },
  };
}

function guard(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing sensible to do: the callback that would report this is the one that threw
  }
}

async function withTimeout(fn: () => Promise<void>, ms: number, who: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${who}: no answer within ${ms} ms`)), ms);
  });
  try {
    // Promise.resolve().then(fn): a send that throws synchronously becomes a rejection.
    await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

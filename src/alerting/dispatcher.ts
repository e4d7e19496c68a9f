/**
 * Delivery that survives outages (issue 17). dispatch() only queues, so an evaluation never waits on SMTP
 * or Slack. Each channel has one worker that sends its oldest due delivery; a failure waits a capped,
 * jittered backoff and is tried again, for as long as the notice is current (queue.ts says when it is
 * not). With a store the queue is written to disk at every change and read back at restore(), so an
 * engine restart loses nothing. The send itself and the store are passed in.
 */

import type {
  Dispatcher,
  DispatcherOptions,
  DispatchFailure,
  NotifierStats,
} from './delivery/dispatcher-types.js';
import {
  type Delivery,
  EMPTY_QUEUE,
  enqueue,
  expire,
  fail,
  nextDue,
  nextWake,
  type QueuePolicy,
  type QueueState,
  settle,
} from './delivery/queue.js';
import { guard, withTimeout } from './delivery/with-timeout.js';
import { DEFAULT_NOTIFY_TIMEOUT_MS, type Notifier } from './notifiers/types.js';

export type {
  Dispatcher,
  DispatcherOptions,
  DispatcherStats,
  DispatchFailure,
  NotifierStats,
} from './delivery/dispatcher-types.js';

interface Lane {
  notifier: Notifier;
  worker: Promise<void> | null;
  wake: (() => void) | null;
  counts: { sent: number; failed: number; expired: number };
  lastSentAt: number | null;
  lastError: { at: number; message: string } | null;
}

/** Creates a dispatcher over the given notifiers; call restore() to start it. */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const clock = opts.clock ?? Date.now;
  const policy: QueuePolicy = {
    baseDelayMs: opts.baseDelayMs ?? 1000,
    maxDelayMs: opts.maxDelayMs ?? 300_000,
    maxAgeMs: opts.maxAgeMs ?? 86_400_000,
    repeatMs: opts.repeatMs ?? 1_800_000,
    maxPerChannel: opts.maxPerChannel ?? 1000,
    ...(opts.random ? { random: opts.random } : {}),
  };
  const lanes = new Map<string, Lane>(
    opts.notifiers.map((notifier) => [
      notifier.name,
      {
        notifier,
        worker: null,
        wake: null,
        counts: { sent: 0, failed: 0, expired: 0 },
        lastSentAt: null,
        lastError: null,
      },
    ]),
  );
  let state: QueueState = EMPTY_QUEUE;
  // Without a store there is nothing to restore: the workers start with the first notice.
  let running = opts.store === undefined;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  // Callbacks are the caller's code: a throwing logger must not kill a worker.
  const warn = (message: string) => guard(() => (opts.onWarning ?? console.warn)(message));
  const report = (err: unknown, failure: DispatchFailure) => guard(() => opts.onError?.(err, failure));

  function changed(next: QueueState): void {
    if (next === state) return;
    state = next;
    if (!closed && opts.store) {
      opts.store
        .save(state)
        .catch((err) => warn(`notify queue: cannot write ${opts.store?.path}: ${String(err)}`));
    }
    if (state.deliveries.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function givenUp(d: Delivery, why: string): void {
    const lane = lanes.get(d.channel);
    if (lane) lane.counts.expired += 1;
    warn(
      `notify: gave up ${d.channel} delivery of "${d.notice.summary}" after ${d.attempts} attempts ` +
        `(${why}): ${d.lastError ?? 'never tried'}`,
    );
  }

  function expireNow(): void {
    const r = expire(state, clock(), policy);
    for (const d of r.expired) givenUp(d, `pending longer than ${Math.round(policy.maxAgeMs / 1000)} s`);
    changed(r.state);
  }

  async function attempt(lane: Lane, d: Delivery): Promise<void> {
    const limit = opts.attemptTimeoutMs ?? (lane.notifier.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS) + 30_000;
    try {
      await withTimeout(() => lane.notifier.send(d.notice, { key: d.key }), limit, lane.notifier.name);
      lane.counts.sent += 1;
      lane.lastSentAt = clock();
      changed(settle(state, d.id));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      lane.counts.failed += 1;
      lane.lastError = { at: clock(), message };
      changed(fail(state, d.id, message, clock(), policy));
      const retryAt = state.deliveries.find((x) => x.id === d.id)?.nextAt ?? clock();
      report(err, { notifier: lane.notifier.name, attempt: d.attempts + 1, retryAt, notice: d.notice });
    }
  }

  async function work(lane: Lane): Promise<void> {
    while (!closed) {
      expireNow();
      const now = clock();
      const due = nextDue(state, lane.notifier.name, now);
      if (due !== null) {
        await attempt(lane, due);
        continue;
      }
      const at = nextWake(state, lane.notifier.name);
      await new Promise<void>((resolve) => {
        const timer = at === null ? null : setTimeout(resolve, Math.max(0, at - now));
        timer?.unref();
        lane.wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      lane.wake = null;
    }
  }

  function start(lane: Lane): void {
    if (lane.worker !== null || closed) return;
    lane.worker = work(lane)
      .catch((err) => warn(`dispatcher: ${lane.notifier.name} worker failed: ${String(err)}`))
      .finally(() => {
        lane.worker = null;
      });
  }

  return {
    async restore() {
      if (opts.store) {
        const stored = await opts.store.load();
        // A channel no longer configured cannot deliver: its deliveries are dropped, and said so.
        const kept = stored.deliveries.filter((d) => lanes.has(d.channel));
        if (kept.length < stored.deliveries.length) {
          warn(
            `notify queue: dropped ${stored.deliveries.length - kept.length} deliveries to channels no longer configured`,
          );
        }
        state = { deliveries: [...kept, ...state.deliveries], told: { ...stored.told, ...state.told } };
      }
      running = true;
      for (const lane of lanes.values()) start(lane);
    },
    dispatch(notice) {
      try {
        const r = enqueue(state, notice, [...lanes.keys()], clock(), policy);
        for (const d of r.dropped) givenUp(d, `more than ${policy.maxPerChannel} pending`);
        changed(r.state);
        if (running) for (const lane of lanes.values()) lane.wake ? lane.wake() : start(lane);
      } catch (err) {
        warn(`dispatcher: cannot queue "${notice.summary}": ${String(err)}`);
      }
    },
    record(notice) {
      changed(enqueue(state, notice, [], clock(), policy).state);
    },
    stats() {
      const notifiers: Record<string, NotifierStats> = {};
      const total = { sent: 0, failed: 0, pending: 0, expired: 0, oldestPendingAt: null as number | null };
      for (const [name, lane] of lanes) {
        const mine = state.deliveries.filter((d) => d.channel === name);
        const oldest = mine.length === 0 ? null : Math.min(...mine.map((d) => d.createdAt));
        notifiers[name] = {
          ...lane.counts,
          pending: mine.length,
          oldestPendingAt: oldest,
          lastSentAt: lane.lastSentAt,
          lastError: lane.lastError,
        };
        total.sent += lane.counts.sent;
        total.failed += lane.counts.failed;
        total.expired += lane.counts.expired;
        total.pending += mine.length;
        if (oldest !== null && (total.oldestPendingAt === null || oldest < total.oldestPendingAt)) {
          total.oldestPendingAt = oldest;
        }
      }
      return { ...total, notifiers };
    },
    drain() {
      if (state.deliveries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    async close(graceMs = 2000) {
      if (closed) return;
      closed = true;
      for (const lane of lanes.values()) lane.wake?.();
      const workers = Promise.all([...lanes.values()].map((l) => l.worker));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([workers, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      // A send still in flight stays queued: after a restart it goes again with the same key and Message-ID.
      await opts.store
        ?.save(state)
        .catch((err) => warn(`notify queue: cannot write ${opts.store?.path}: ${String(err)}`));
    },
  };
}

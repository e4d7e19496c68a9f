/**
 * The delivery queue, pure: one entry per (notice, channel) that is not yet delivered, each retried with
 * capped backoff. Functions of (state, input, now) return the next state; the dispatcher owns timers and
 * the file. Entries never give up after a number of attempts (issue 17, defect 1): a firing notice waits
 * while its alerts fire, a resolved one until it is delivered; only `maxAgeMs` bounds both.
 */
import { backoffDelay } from '../backoff.js';
import { alertKey } from '../evaluate.js';
import type { Notice } from '../group-notices.js';
import { noticeKey } from './key.js';

/** One notice on its way to one channel. Times are epoch ms. */
export interface Delivery {
  /** `<key>:<channel>`. */
  id: string;
  /** The notice's idempotency key (shared by its channels). */
  key: string;
  channel: string;
  notice: Notice;
  createdAt: number;
  /** Attempts made so far. */
  attempts: number;
  /** Not before this time. */
  nextAt: number;
  lastError: string | null;
}

/** What was last told about one alert: the severity of its firing notice, and when it was queued. */
export interface Told {
  severity: string;
  at: number;
}

/** The queue: pending deliveries and, per alert key, the firing notice already queued or sent. */
export interface QueueState {
  deliveries: Delivery[];
  told: Record<string, Told>;
}

/** Retry and retention tunables, ms. */
export interface QueuePolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A delivery older than this is given up (counted as expired). */
  maxAgeMs: number;
  /** A re-fire within this long of a firing notice with the same severity is not told again (alerting.cooldown). */
  repeatMs: number;
  /** Deliveries kept per channel; past it the oldest goes (a flapping alert during a day-long outage). */
  maxPerChannel?: number;
  random?: () => number;
}

/** An empty queue. */
export const EMPTY_QUEUE: QueueState = { deliveries: [], told: {} };

/**
 * Queues `notice` for every channel, after dropping the alerts already told: a `firing` event for an alert
 * whose firing notice of the same severity was queued within `repeatMs` is the same news. The engine's alert
 * state starts afresh at each start (as Prometheus' does), so without this a restart re-fires and re-sends
 * every firing alert. A resolved alert forgets its told entry and supersedes its waiting firing notices.
 */
export function enqueue(
  state: QueueState,
  notice: Notice,
  channels: readonly string[],
  now: number,
  policy: QueuePolicy,
): { state: QueueState; queued: Delivery[]; dropped: Delivery[] } {
  const told = { ...state.told };
  const alerts = notice.alerts.filter((a) => {
    const k = alertKey(a.name, a.labels);
    const before = told[k];
    if (a.status === 'resolved') {
      delete told[k];
      return true;
    }
    const repeatOfTold =
      a.event === 'firing' && before?.severity === a.severity && now - before.at < policy.repeatMs;
    told[k] = { severity: a.severity, at: repeatOfTold && before ? before.at : now };
    return !repeatOfTold;
  });
  const resolvedKeys = notice.alerts
    .filter((a) => a.status === 'resolved')
    .map((a) => alertKey(a.name, a.labels));
  const deliveries = supersede(state.deliveries, new Set(resolvedKeys));
  if (alerts.length === 0) return { state: { deliveries, told }, queued: [], dropped: [] };
  const kept: Notice = alerts.length === notice.alerts.length ? notice : { ...notice, alerts };
  const key = noticeKey(kept);
  const queued = channels
    .filter((channel) => !deliveries.some((d) => d.id === `${key}:${channel}`))
    .map((channel) => ({
      id: `${key}:${channel}`,
      key,
      channel,
      notice: kept,
      createdAt: now,
      attempts: 0,
      nextAt: now,
      lastError: null,
    }));
  const all = [...deliveries, ...queued];
  const dropped = overCap(all, policy.maxPerChannel ?? Number.POSITIVE_INFINITY);
  const remaining = dropped.length === 0 ? all : all.filter((d) => !dropped.includes(d));
  return { state: { deliveries: remaining, told }, queued, dropped };
}

// The oldest deliveries of each channel beyond `cap` (deliveries are kept in the order they were queued).
function overCap(deliveries: readonly Delivery[], cap: number): Delivery[] {
  const count = new Map<string, number>();
  for (const d of deliveries) count.set(d.channel, (count.get(d.channel) ?? 0) + 1);
  const excess = new Map([...count].map(([c, n]) => [c, Math.max(0, n - cap)]));
  return deliveries.filter((d) => {
    const left = excess.get(d.channel) ?? 0;
    if (left === 0) return false;
    excess.set(d.channel, left - 1);
    return true;
  });
}

/**
 * Drops waiting firing notices all of whose firing alerts have resolved: the alert no longer fires, so its
 * firing notice is no longer true; the resolved notice that follows says what happened.
 */
function supersede(deliveries: readonly Delivery[], resolved: ReadonlySet<string>): Delivery[] {
  if (resolved.size === 0) return [...deliveries];
  return deliveries.filter((d) => {
    const firing = d.notice.alerts.filter((a) => a.status === 'firing');
    return firing.length === 0 || firing.some((a) => !resolved.has(alertKey(a.name, a.labels)));
  });
}

/** The delivery of `channel` to attempt next at `now`, oldest first; null when none is due. */
export function nextDue(state: QueueState, channel: string, now: number): Delivery | null {
  let best: Delivery | null = null;
  for (const d of state.deliveries) {
    if (d.channel !== channel || d.nextAt > now) continue;
    if (best === null || d.createdAt < best.createdAt) best = d;
  }
  return best;
}

/** When the next delivery of `channel` is due, or null when it has none. */
export function nextWake(state: QueueState, channel: string): number | null {
  let at: number | null = null;
  for (const d of state.deliveries)
    if (d.channel === channel && (at === null || d.nextAt < at)) at = d.nextAt;
  return at;
}

/** The queue without delivery `id` (delivered). */
export function settle(state: QueueState, id: string): QueueState {
  return { ...state, deliveries: state.deliveries.filter((d) => d.id !== id) };
}

/** Records a failed attempt: the delivery waits the capped, jittered backoff of its attempt count. */
export function fail(
  state: QueueState,
  id: string,
  error: string,
  now: number,
  policy: QueuePolicy,
): QueueState {
  return {
    ...state,
    deliveries: state.deliveries.map((d) => {
      if (d.id !== id) return d;
      const attempts = d.attempts + 1;
      return { ...d, attempts, lastError: error, nextAt: now + backoffDelay(attempts, policy) };
    }),
  };
}

/** Removes deliveries older than maxAgeMs and told entries past repeatMs; returns what expired. */
export function expire(
  state: QueueState,
  now: number,
  policy: QueuePolicy,
): { state: QueueState; expired: Delivery[] } {
  const expired = state.deliveries.filter((d) => now - d.createdAt >= policy.maxAgeMs);
  const told = Object.fromEntries(Object.entries(state.told).filter(([, t]) => now - t.at < policy.repeatMs));
  if (expired.length === 0 && Object.keys(told).length === Object.keys(state.told).length) {
    return { state, expired };
  }
  return { state: { deliveries: state.deliveries.filter((d) => !expired.includes(d)), told }, expired };
}

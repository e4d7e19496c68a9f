/**
 * Acks that last while the alert fires, the way kthxbye keeps them: an ack is a short silence (comment
 * prefix `ACK!`) that is extended while an alert it mutes is still active, and expired once none is.
 * Pure: (alerts, silences, now) -> actions; the loop that fetches and applies them is cli/ack-loop.ts.
 */
import type { AmAlert } from './alertmanager.js';
import type { AmSilence } from './silences.js';

/** How acks are kept; the defaults are kthxbye's flags. */
export interface AckPolicy {
  /** Extend when the silence ends within this (kthxbye -extend-if-expiring-in, default 5m). */
  extendIfExpiringInMs: number;
  /** Extend to now + this (kthxbye -extend-by, default 15m). */
  extendByMs: number;
  /** Never extend past startsAt + this; null for no limit (kthxbye -max-duration, default 0 = none). */
  maxDurationMs: number | null;
  /**
   * An ack younger than this is never expired: Alertmanager may not hold the alert yet (Prometheus resends
   * every evaluation) right after the ack was made. kthxbye never expires at all, it lets the silence lapse.
   */
  graceMs: number;
}

/** kthxbye's defaults, and a one-minute grace. */
export const DEFAULT_ACK_POLICY: AckPolicy = {
  extendIfExpiringInMs: 5 * 60_000,
  extendByMs: 15 * 60_000,
  maxDurationMs: null,
  graceMs: 60_000,
};

/** What the loop should do to one ack. */
export type AckAction =
  | { kind: 'extend'; silence: AmSilence; endsAt: number; alerts: number }
  | { kind: 'expire'; silence: AmSilence; reason: string };

/** The actions that keep every active ack in step with the alerts it mutes. */
export function ackActions(
  alerts: readonly Pick<AmAlert, 'silencedBy'>[],
  silences: readonly AmSilence[],
  now: number,
  policy: AckPolicy = DEFAULT_ACK_POLICY,
): AckAction[] {
  const out: AckAction[] = [];
  for (const s of silences) {
    // 1. Only acks that are in force: a pending ack starts later, an expired one is history.
    if (!s.ack || s.state !== 'active' || s.endsAt <= now) continue;
    // 2. Alertmanager lists every active silence that mutes an alert in its status.silencedBy, matched
    //    by Alertmanager itself, so the matchers are never re-implemented here.
    const muted = alerts.filter((a) => a.silencedBy.includes(s.id)).length;
    if (muted === 0) {
      if (now - s.startsAt >= policy.graceMs) {
        out.push({ kind: 'expire', silence: s, reason: 'no active alert matches it: resolved' });
      }
      continue;
    }
    // 3. Still firing: extend only when the end is near, so an ack is rewritten once per extendBy, not per tick.
    if (s.endsAt - now > policy.extendIfExpiringInMs) continue;
    const cap = policy.maxDurationMs === null ? Number.POSITIVE_INFINITY : s.startsAt + policy.maxDurationMs;
    const endsAt = Math.min(now + policy.extendByMs, cap);
    if (endsAt > s.endsAt) out.push({ kind: 'extend', silence: s, endsAt, alerts: muted });
  }
  return out;
}

/** The /health check of notification delivery, pure: pending too long fails, pending and failing warns. */
import type { DispatcherStats } from '../alerting/index.js';

/** One health check (engine-health's Check). */
export interface NotifyCheck {
  status: 'ok' | 'warn' | 'fail';
  message: string;
}

/**
 * Fails once a notification has waited `unhealthyAfterMs` (on-call is not being told), warns while a
 * channel's last attempt failed, and is ok otherwise. Counts are in every message.
 */
export function notificationsCheck(n: DispatcherStats, now: number, unhealthyAfterMs: number): NotifyCheck {
  const counts = `${n.sent} sent, ${n.pending} pending, ${n.failed} failed attempts, ${n.expired} given up`;
  const failing = Object.entries(n.notifiers).filter(
    ([, s]) => s.pending > 0 && s.lastError !== null && (s.lastSentAt ?? 0) < s.lastError.at,
  );
  const reasons = failing.map(([name, s]) => `${name}: ${s.lastError?.message}`).join('; ');
  const oldest = n.oldestPendingAt === null ? 0 : now - n.oldestPendingAt;
  if (n.oldestPendingAt !== null && oldest >= unhealthyAfterMs) {
    return {
      status: 'fail',
      message: `a notification has been pending for ${Math.round(oldest / 1000)} s (${counts})${reasons ? `: ${reasons}` : ''}`,
    };
  }
  if (failing.length > 0 || n.expired > 0)
    return { status: 'warn', message: `${counts}${reasons ? `: ${reasons}` : ''}` };
  return { status: 'ok', message: counts };
}

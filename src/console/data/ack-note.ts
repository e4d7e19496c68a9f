/**
 * Pure: who acked an alert and when, from the ack silences (comment ACK!) muting one of its copies in
 * Alertmanager or the engine (their status.silencedBy). Every console view that lists alerts, the detail
 * and `mmops alerts` say it the same way: "acked by alice@host 4m ago".
 */
import { commentText } from '../../sources/index.js';
import type { MergedAlert } from '../panels/alerts.js';
import { age } from '../panels/format.js';
import type { SilenceRow } from '../silence/silence-deck.js';

/** One ack. */
export interface AckNote {
  by: string;
  /** Epoch ms the ack was made. */
  at: number;
  comment: string;
  endsAt: number;
  id: string;
  target: SilenceRow['target'];
}

/** The active ack muting `alert`, or null. */
export function ackNote(alert: Pick<MergedAlert, 'silencedBy'>, rows: readonly SilenceRow[]): AckNote | null {
  const s = rows.find(
    (r) =>
      r.ack && r.state === 'active' && alert.silencedBy.some((m) => m.target === r.target && m.id === r.id),
  );
  return s
    ? {
        by: s.createdBy,
        at: s.startsAt,
        comment: commentText(s.comment),
        endsAt: s.endsAt,
        id: s.id,
        target: s.target,
      }
    : null;
}

/** The ack of every alert that has one, by the alert's key. */
export function ackNotes(alerts: readonly MergedAlert[], rows: readonly SilenceRow[]): Map<string, AckNote> {
  const out = new Map<string, AckNote>();
  for (const a of alerts) {
    const n = ackNote(a, rows);
    if (n) out.set(a.key, n);
  }
  return out;
}

/** "acked by alice@host 4m ago" (age as the alert list shows ages). */
export function ackText(n: AckNote, now: number): string {
  return `acked by ${n.by} ${age(now - n.at)} ago`;
}

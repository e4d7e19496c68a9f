/**
 * Which merged alert is acked, by whom and when: an ack silence (comment ACK!) that mutes one of the
 * alert's copies in Alertmanager or the engine (their status.silencedBy). Pure: for `mmops alerts`.
 */
import type { MergedAlert } from '../console/index.js';
import { type AmAlert, commentText, type EngineAlertDoc } from '../sources/index.js';
import type { ListedSilence } from './alerts-silences.js';

/** One ack as `mmops alerts` shows it. */
export interface AckNote {
  by: string;
  at: number;
  comment: string;
  endsAt: number;
  id: string;
  target: ListedSilence['target'];
}

const compatible = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).every((k) => !(k in b) || a[k] === b[k]);

/** The ack of each merged alert (by its key), when it has one. */
export function ackNotes(
  alerts: readonly MergedAlert[],
  copies: { alertmanager: readonly AmAlert[]; engine: readonly EngineAlertDoc[] },
  silences: readonly ListedSilence[],
): Map<string, AckNote> {
  const acks = silences.filter((s) => s.ack && s.state === 'active');
  const out = new Map<string, AckNote>();
  for (const a of alerts) {
    const mine = (l: Record<string, string>) => l.alertname === a.name && compatible(a.labels, l);
    const muting = [
      ...copies.alertmanager
        .filter((c) => mine(c.labels))
        .flatMap((c) => c.silencedBy.map((id) => ['alertmanager', id])),
      ...copies.engine
        .filter((c) => mine(c.labels))
        .flatMap((c) => (c.silencedBy ?? []).map((id) => ['engine', id])),
    ];
    const ack = acks.find((s) => muting.some(([t, id]) => t === s.target && id === s.id));
    if (ack) {
      out.set(a.key, {
        by: ack.createdBy,
        at: ack.startsAt,
        comment: commentText(ack.comment),
        endsAt: ack.endsAt,
        id: ack.id,
        target: ack.target,
      });
    }
  }
  return out;
}

/** "acked by alice@host 4m ago: on it". */
export function ackLine(n: AckNote, now: number): string {
  return `acked by ${n.by} ${Math.max(0, Math.round((now - n.at) / 60_000))}m ago: ${n.comment}`;
}

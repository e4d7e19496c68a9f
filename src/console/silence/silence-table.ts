/** Pure: the silences view's table, one row a silence: matchers, author, comment, when it ends. */
import { commentText, formatMatcher } from '../../sources/index.js';
import type { Table } from '../panels/model.js';
import type { SilenceRow } from './silence-deck.js';

/** One silence in a line, for the question before it is expired: `silence alertname="X" by hal@box (retraining)`. */
export function silenceSummary(s: SilenceRow): string {
  const comment = commentText(s.comment);
  return `${s.ack ? 'ack' : 'silence'} ${s.matchers.map(formatMatcher).join(',')} by ${s.createdBy}${comment ? ` (${comment})` : ''}`;
}

/** The table for `rows` at `now`. */
export function silenceTable(rows: readonly SilenceRow[], now: number): Table {
  const left = (ms: number) => {
    const m = Math.max(0, Math.round((ms - now) / 60_000));
    return m >= 120 ? `${Math.round(m / 60)}h` : `${m}m`;
  };
  return {
    columns: ['kind', 'in', 'matchers', 'by', 'comment', 'ends in'],
    rows: rows.map((s) => ({
      kind: s.ack ? 'ack' : s.state === 'pending' ? 'pending' : 'silence',
      in: s.target === 'engine' ? 'engine' : 'am',
      matchers: s.matchers.map(formatMatcher).join(','),
      by: s.createdBy,
      comment: commentText(s.comment),
      'ends in': left(s.endsAt),
    })),
    flex: ['matchers', 'comment'],
  };
}

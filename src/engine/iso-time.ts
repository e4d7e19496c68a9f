/** ISO-8601 date-times and epoch milliseconds to epoch milliseconds, for a record's `ts`. */
import { expected } from './describe-value.js';

// Epoch ms below 1e11 (March 1973) is almost surely epoch *seconds*: refusing it beats filing a day's data in 1970.
const MIN_EPOCH_MS = 1e11;
const MAX_EPOCH_MS = 8.64e15; // the largest valid JS Date
const MAX_OFFSET_MIN = 14 * 60;

// Zone-less date-times are UTC: Python's datetime.utcnow().isoformat() writes them, and a server's local zone
// is the wrong guess. Fractions beyond milliseconds (Python's microseconds) are truncated.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Converts an ISO-8601 string or epoch ms to epoch ms, or says why it cannot. */
export function toEpochMs(v: unknown): number | { reason: string } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { reason: `expected a finite number, got ${v}` };
    if (v < MIN_EPOCH_MS)
      return { reason: `${v} looks like epoch seconds; ts is epoch milliseconds or ISO-8601` };
    return v > MAX_EPOCH_MS ? { reason: expected('epoch milliseconds', v) } : v;
  }
  const bad = {
    reason: expected('an ISO-8601 time such as "2024-05-01T12:00:00Z" or epoch milliseconds', v),
  };
  const m = typeof v === 'string' ? ISO.exec(v) : null;
  if (!m) return bad;
  type Six = [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as Six;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(utc);
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches impossible dates and times.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return bad;
  const zone = m[8]?.toUpperCase() ?? 'Z';
  const digits = zone.slice(1).replace(':', '');
  const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || '0')];
  // Real UTC offsets run from -12:00 to +14:00 (Kiribati); "+99:99" once filed a record 4 days off, where the
  // window never counted it (issue 17, defect 4). ISO-8601 allows ±14:00 at most either way.
  if (zone !== 'Z' && (om > 59 || oh * 60 + om > MAX_OFFSET_MIN))
    return { reason: `UTC offset ${zone} is outside -14:00..+14:00` };
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  const at = utc - offset * 60_000;
  // Date.UTC maps years 0-99 to 1900-1999, and nothing before 1970 is a prediction we could have made.
  return y < 1970 || at > MAX_EPOCH_MS ? bad : at;
}

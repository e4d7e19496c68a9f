/**
 * Log entries as rows of PostgreSQL's COPY text format (tab-separated, \N for NULL, backslash escapes):
 * https://www.postgresql.org/docs/15/sql-copy.html "Text Format".
 */
import type { PredictionRecord } from '../records.js';

/** The staging table's columns, in the order copyPredictionRow writes them. */
export const PREDICTION_COLUMNS = [
  'id',
  'ts',
  'received_at',
  'model',
  'asset_class',
  'features',
  'prediction',
  'confidence',
  'latency_seconds',
  'error_type',
  'actual',
  'spread',
  'spread_limit',
] as const;

const NULL = '\\N';
const SPECIAL = /[\\\n\r\t\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };

/**
 * One text value escaped for COPY. PostgreSQL text cannot hold NUL (U+0000): it is dropped, the one change
 * a stored value can show against the record the engine accepted.
 */
export function copyText(v: string): string {
  return v.replace(SPECIAL, (c) => ESCAPES[c]!);
}

const NEEDS_ESCAPE = [0x5c, 0x09, 0x0d]; // \\, tab, CR; a newline cannot be inside a log line
const NL = Buffer.from('\n');

/**
 * Log lines (each with its newline) as the COPY text of a one-column table: the bytes as they are, since
 * JSON text holds no newline and seldom a backslash; a line with a backslash, or a tab or CR between tokens
 * of a record logged verbatim, is escaped on its own.
 */
export function copyLines(lines: readonly Buffer[]): Buffer {
  const all = Buffer.concat(lines);
  if (NEEDS_ESCAPE.every((b) => all.indexOf(b) === -1)) return all;
  return Buffer.concat(
    lines.map((l) =>
      NEEDS_ESCAPE.every((b) => l.indexOf(b) === -1)
        ? l
        : Buffer.concat([Buffer.from(copyText(l.toString('utf8', 0, l.length - 1)), 'utf8'), NL]),
    ),
  );
}

// JSON escapes U+0000 as \u0000, which jsonb refuses ("unsupported Unicode escape sequence"); an escaped
// backslash before "u0000" (an even run of backslashes) is text, not the escape, and stays.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

const json = (v: unknown) => copyText(JSON.stringify(v).replace(JSON_NUL, '$1'));
const text = (v: string | undefined) => (v === undefined ? NULL : copyText(v));
const num = (v: number | undefined) => (v === undefined ? NULL : String(v));
const label = (v: string | number | undefined) => (v === undefined ? NULL : json(v));
const time = (ms: number) => new Date(ms).toISOString();
const validTs = (ms: unknown, fallback: number) =>
  typeof ms === 'number' && Number.isFinite(ms) ? ms : fallback;

/** One prediction record as a COPY line (with its newline); `receivedAt` is the log entry's ts. */
export function copyPredictionRow(rec: PredictionRecord, receivedAt: number): string {
  return (
    `${copyText(String(rec.id))}\t${time(validTs(rec.ts, receivedAt))}\t${time(receivedAt)}\t${text(rec.model)}\t` +
    `${text(rec.asset_class)}\t${json(rec.features ?? {})}\t${label(rec.prediction)}\t${num(rec.confidence)}\t` +
    `${num(rec.latency_seconds)}\t${text(rec.error)}\t${label(rec.actual)}\t${num(rec.spread)}\t` +
    `${num(rec.spread_limit)}\n`
  );
}

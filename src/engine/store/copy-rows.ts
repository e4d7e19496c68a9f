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

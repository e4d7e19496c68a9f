/** The event log's line format: one JSON entry per line, encoded for one write and decoded on replay. */

import type { Label, PredictionRecord } from '../records.js';

/** One log line. `ts` is the receive time in epoch ms; retention reads it. */
export type LogEntry =
  /** `raw`, when given, is rec's exact JSON text (validatePredictions' `verbatim`); it is written instead. */
  | { t: 'p'; ts: number; rec: PredictionRecord; raw?: string }
  | { t: 'a'; ts: number; id: string; actual: Label }
  /** A reference upload: `ref` names where the engine stored it. */
  | { t: 'r'; ts: number; ref: string };

/** The start of a prediction's log line, up to its record: `{"t":"p","ts":<ts>,"rec":` then the record and `}`. */
export const predictionHead = (ts: number) => `{"t":"p","ts":${ts},"rec":`;

/** A batch encoded as NDJSON bytes, with its newest ts (for retention). */
export interface EncodedBatch {
  data: Buffer;
  entries: number;
  maxTs: number;
}

/** Encodes entries as NDJSON; throws (before anything is queued) when an entry cannot be serialised. */
export function encodeEntries(entries: readonly LogEntry[]): EncodedBatch {
  const lines = new Array<string>(entries.length + 1);
  let maxTs = Number.NEGATIVE_INFINITY;
  entries.forEach((e, i) => {
    if (!Number.isFinite(e.ts)) throw new TypeError(`log entry ts must be a finite number, got ${e.ts}`);
    if (e.ts > maxTs) maxTs = e.ts;
    if (e.t !== 'p') lines[i] = JSON.stringify(e);
    else if (e.raw !== undefined) lines[i] = `${predictionHead(e.ts)}${e.raw}}`;
    else lines[i] = JSON.stringify({ t: 'p', ts: e.ts, rec: e.rec }); // no `raw: undefined` key: it slows stringify
  });
  lines[entries.length] = ''; // join() then ends the batch with '\n'
  // join() builds one flat string; += would build a rope that Buffer.from must flatten first.
  return { data: Buffer.from(lines.join('\n'), 'utf8'), entries: entries.length, maxTs };
}

/** Decodes one line; undefined when it is not a log entry (a corrupt line). */
export function decodeLine(line: string): LogEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Partial<Record<string, unknown>>;
  if (typeof e.ts !== 'number') return undefined;
  if (e.t === 'p') return typeof e.rec === 'object' && e.rec !== null ? (v as LogEntry) : undefined;
  if (e.t === 'a') return typeof e.id === 'string' && e.actual !== undefined ? (v as LogEntry) : undefined;
  if (e.t === 'r') return typeof e.ref === 'string' ? (v as LogEntry) : undefined;
  return undefined;
}

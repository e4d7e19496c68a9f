/**
 * The CPU-heavy part of a prediction batch, pure so that it runs on an ingest worker thread (or inline):
 * parse, validate, pack the records into columns and encode the event-log lines. What is left for the
 * engine thread is what needs its state: ids for records without one, the log append, window and counters.
 */
import { predictionHead } from './event-log/entry.js';
import { verbatimLines } from './event-log/verbatim-lines.js';
import { parseBody } from './parse-body.js';
import { isPlainRecord } from './plain-record.js';
import { type RecordColumns, recordsToColumns } from './record-columns.js';
import { type PredictionRecord, type Rejection, validatePredictions } from './records.js';
import { decodeUtf8Strict, type Utf8Result, utf8Error } from './strict-utf8.js';

/** The log lines of an accepted batch: its bytes, or, when records lack ids, text to splice ids into. */
export type PreparedLog =
  | { bytes: Uint8Array }
  /** Ids go between the pieces: JSON of the id of the j-th record without one after pieces[j]. */
  | { pieces: string[] };

/** A batch ready to append, refused (400, every reason), or empty. */
export type PreparedBatch =
  | { kind: 'ok'; columns: RecordColumns; log: PreparedLog }
  | { kind: 'refused'; error: string; rejected?: Rejection[] }
  | { kind: 'empty' };

/** The placeholder id of a record without one: validation's idGen may only run once a batch is accepted. */
const NO_ID = () => '';

/**
 * Parses and validates a prediction body (UTF-8 bytes, decoded as fastify decodes a string body, or text)
 * received at `receivedAt` (epoch ms: the log entries' ts and the ts of records without one). Same outcome, error texts and log bytes as parsing, validating and
 * encodeEntries on the engine thread.
 */
export function preparePredictions(
  body: Uint8Array | string,
  contentType: string | undefined,
  receivedAt: number,
): PreparedBatch {
  const text = bodyText(body);
  if (!text.ok) return refused(utf8Error(text));
  const parsed = parseBody(text.text, contentType);
  if (!parsed.ok) return refused(parsed.error, parsed.rejected);
  const { items, lines } = parsed;
  if (items.length === 0) return { kind: 'empty' };
  const head = predictionHead(receivedAt);
  // The common case: NDJSON of records already in normal form. Validation would accept them unchanged, so
  // they are packed as they are and logged as their own lines (what validation plus encodeEntries give).
  if (lines && items.every(isPlainRecord)) {
    const bytes =
      (typeof body === 'string' ? undefined : verbatimLines(body, head, lines.length)) ??
      ownedBytes(lines.map((line) => `${head}${line}}\n`).join(''));
    return { kind: 'ok', columns: recordsToColumns(items), log: { bytes } };
  }
  const batch = validatePredictions(items, { receivedAt, idGen: NO_ID, ...(lines ? { lines } : {}) });
  if (!batch.ok) return refused(batch.error, batch.rejected);
  return { kind: 'ok', columns: recordsToColumns(batch.records), log: encodeLog(batch, head, receivedAt) };
}

/** encodeEntries' lines: a verbatim record spliced in as it arrived, the rest JSON.stringify'd. */
function encodeLog(
  batch: { records: PredictionRecord[]; verbatim?: (string | undefined)[] },
  head: string,
  ts: number,
): PreparedLog {
  const pieces: string[] = [];
  let out: string[] = [];
  batch.records.forEach((rec, i) => {
    const raw = batch.verbatim?.[i];
    if (raw !== undefined) out.push(`${head}${raw}}\n`);
    else if (rec.id !== '') out.push(`${JSON.stringify({ t: 'p', ts, rec })}\n`);
    else {
      // The normalised record's first key is id (records.ts normalise), so its JSON starts `..."rec":{"id":""`.
      const json = JSON.stringify({ t: 'p', ts, rec });
      const cut = head.length + ID_KEY.length;
      out.push(json.slice(0, cut));
      pieces.push(out.join(''));
      out = [`${json.slice(cut + 2)}\n`];
    }
  });
  pieces.push(out.join(''));
  return pieces.length === 1 ? { bytes: ownedBytes(pieces[0]!) } : { pieces };
}

const ID_KEY = '{"id":';

function refused(error: string, rejected?: Rejection[]): PreparedBatch {
  return rejected ? { kind: 'refused', error, rejected } : { kind: 'refused', error };
}

/** A body as text: bytes are decoded as UTF-8 all at once, strictly (ill-formed bytes are refused). */
function bodyText(body: Uint8Array | string): Utf8Result {
  return typeof body === 'string' ? { ok: true, text: body } : decodeUtf8Strict(body);
}

/** UTF-8 bytes in an ArrayBuffer of their own, so that a worker can transfer it (Buffer.from may pool). */
function ownedBytes(text: string): Uint8Array {
  const b = Buffer.from(text, 'utf8');
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

/** The log bytes with the ids assigned on the engine thread (ids: one per record without one, in order). */
export function logBytes(log: PreparedLog, ids: readonly string[]): Buffer {
  if ('bytes' in log) return Buffer.from(log.bytes.buffer, log.bytes.byteOffset, log.bytes.byteLength);
  let text = log.pieces[0]!;
  for (let j = 0; j < ids.length; j++) text += JSON.stringify(ids[j]) + log.pieces[j + 1]!;
  return Buffer.from(text, 'utf8');
}

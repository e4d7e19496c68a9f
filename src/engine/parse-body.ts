/** Request bodies to item arrays: a JSON array or NDJSON, with malformed input located by line or position. */

import { locateJsonError } from './locate-json-error.js';
import { describeValue, type Rejection } from './records.js';

export { locateJsonError } from './locate-json-error.js';

/** How a body is read. */
export type BodyFormat = 'json' | 'ndjson';

/** The items of a well-formed body, or a 400-style error the HTTP layer sends as it is. */
export type ParsedBody =
  | {
      ok: true;
      format: BodyFormat;
      items: unknown[];
      /** NDJSON only: each item's source text, so the event log can store it without re-serialising. */
      lines?: string[];
    }
  | { ok: false; error: string; rejected?: Rejection[] };

const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
]);

/** JSON for application/json (and +json), NDJSON for the NDJSON types; otherwise a leading '[' means JSON. */
export function bodyFormat(text: string, contentType?: string | null): BodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (NDJSON_TYPES.has(type)) return 'ndjson';
  return /^\s*\[/.test(text) ? 'json' : 'ndjson';
}

/** Parses a body into items. Strict: a JSON body must be an array; a lone object is only valid as NDJSON. */
export function parseBody(text: string, contentType?: string | null, maxRejections = 100): ParsedBody {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 BOM from Windows tools
  return bodyFormat(text, contentType) === 'json' ? parseJsonArray(text) : parseNdjson(text, maxRejections);
}

/** V8's message without the echoed input, with its position (if any) split off. */
function cleanMessage(e: unknown): { message: string; position?: number } {
  const raw = e instanceof Error ? e.message : String(e);
  const pos = / at position (\d+)/.exec(raw);
  const message = raw
    .replace(/(?: in JSON)? at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
  return pos ? { message, position: Number(pos[1]) } : { message };
}

function parseJsonArray(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const { message } = cleanMessage(e);
    const { pos, element } = locateJsonError(text);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    const record = element === undefined ? '' : `, record ${element}`;
    const error = `invalid JSON at line ${line}, column ${column} (position ${pos}${record}): ${message}`;
    const reason = `invalid JSON at line ${line}, column ${column}: ${message}`;
    return element === undefined
      ? { ok: false, error }
      : { ok: false, error, rejected: [{ index: element, field: '', reason }] };
  }
  if (!Array.isArray(value)) {
    const error = `expected a JSON array of records, got ${describeValue(value)}; send [...] or NDJSON (application/x-ndjson)`;
    return { ok: false, error };
  }
  return { ok: true, format: 'json', items: value };
}

function parseNdjson(text: string, maxRejections: number): ParsedBody {
  const items: unknown[] = [];
  const lines: string[] = [];
  const rejected: Rejection[] = [];
  let bad = 0;
  let first = '';
  let index = 0; // the record index: non-blank lines so far
  for (let start = 0, line = 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const row = text.slice(start, end);
    start = end + 1;
    try {
      items.push(JSON.parse(row)); // JSON.parse skips the '\r' of CRLF and surrounding spaces itself
      lines.push(row);
    } catch (e) {
      if (row.trim() === '') continue;
      const { message, position } = cleanMessage(e);
      const reason = `invalid JSON: ${message}${position === undefined ? '' : ` at column ${position + 1}`}`;
      if (bad++ === 0) first = `line ${line}: ${reason}`;
      if (rejected.length < maxRejections) rejected.push({ index, line, field: '', reason });
    }
    index++;
  }
  if (bad === 0) return { ok: true, format: 'ndjson', items, lines };
  const more = bad > 1 ? ` (${bad} malformed lines)` : '';
  return { ok: false, error: `${first}${more}`, rejected };
}

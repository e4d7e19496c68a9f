/**
 * Log lines for a batch whose every record is logged as it arrived (`{"t":"p","ts":T,"rec":<line>}`), cut
 * straight from the request bytes: the same bytes as encoding the body's text lines, without building a
 * second copy of the body as a string (~1 ms and ~0.5 MB of garbage a 1,000-record batch).
 */
import { isAscii } from 'node:buffer';

const NEWLINE = 0x0a;
const CLOSE = Buffer.from('}\n', 'latin1');

/** ASCII whitespace as String#trim sees it: a row of nothing else is a blank line (parse-body.ts skips it). */
function blank(body: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = body[i]!;
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return true;
}

/**
 * The log bytes for the `records` non-blank rows of an NDJSON body, each wrapped in `head` ... `}\n`; in a
 * buffer of its own (transferable). Undefined when this cannot be done on bytes: a body that is not ASCII
 * (characters and bytes no longer line up; a BOM is dropped from the text) or whose rows do not match.
 */
export function verbatimLines(body: Uint8Array, head: string, records: number): Uint8Array | undefined {
  if (!isAscii(body)) return undefined;
  const src = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const rows: number[] = [];
  for (let start = 0; start < src.length; ) {
    const nl = src.indexOf(NEWLINE, start);
    const end = nl === -1 ? src.length : nl;
    if (!blank(src, start, end)) rows.push(start, end);
    start = end + 1;
  }
  if (rows.length !== 2 * records) return undefined;
  const headBytes = Buffer.from(head, 'latin1');
  let total = 0;
  for (let r = 0; r < rows.length; r += 2) total += headBytes.length + rows[r + 1]! - rows[r]! + CLOSE.length;
  const out = Buffer.allocUnsafeSlow(total);
  let k = 0;
  for (let r = 0; r < rows.length; r += 2) {
    k += headBytes.copy(out, k);
    k += src.copy(out, k, rows[r], rows[r + 1]);
    k += CLOSE.copy(out, k);
  }
  return out;
}

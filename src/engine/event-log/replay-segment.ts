/** Reads one segment back, streaming, and cuts off a torn last line left by a crash mid-write. */

import { createReadStream } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { decodeLine, type LogEntry } from './entry.js';

/** What one segment held. */
export interface SegmentReplay {
  entries: number;
  /** An unterminated last line (0 or 1): a write cut short by a crash. It was never acknowledged. */
  tornLines: number;
  /** Complete lines that are not entries: disk damage or hand edits. Skipped, never fatal. */
  corruptLines: number;
  /** Bytes up to the end of the last complete line: the file size after a torn tail is cut off. */
  goodBytes: number;
  /** Newest entry ts, if any entry was read. */
  maxTs?: number;
}

const NEWLINE = 0x0a;

/**
 * Streams `path` line by line into `onEntry`. Lines are split on the '\n' byte, which never occurs inside a
 * multi-byte UTF-8 character, so each line decodes on its own and no file is ever held whole in memory.
 * Because a batch is acknowledged only after its fsync, a torn tail holds no acknowledged entry; it is
 * truncated so the file ends on a full line again.
 */
export async function replaySegment(path: string, onEntry: (e: LogEntry) => void): Promise<SegmentReplay> {
  const out: SegmentReplay = { entries: 0, tornLines: 0, corruptLines: 0, goodBytes: 0 };
  let carry: Buffer[] = [];
  let carryBytes = 0;
  const line = (text: string) => {
    const e = decodeLine(text);
    if (!e) {
      if (text.trim() !== '') out.corruptLines++;
      return;
    }
    out.entries++;
    if (out.maxTs === undefined || e.ts > out.maxTs) out.maxTs = e.ts;
    onEntry(e);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      out.goodBytes += carryBytes + nl + 1 - start;
      if (carryBytes > 0) {
        carry.push(chunk.subarray(start, nl));
        line(Buffer.concat(carry).toString('utf8'));
        carry = [];
        carryBytes = 0;
      } else line(chunk.toString('utf8', start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      carry.push(Buffer.from(chunk.subarray(start))); // a copy: the stream may reuse its buffer
      carryBytes += chunk.length - start;
    }
  }
  if (carryBytes > 0) {
    out.tornLines = 1;
    await truncate(path, out.goodBytes);
  }
  return out;
}

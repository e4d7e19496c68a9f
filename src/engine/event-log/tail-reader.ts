/**
 * Reads the event log forward from a position, for a consumer that copies it elsewhere (the prediction store):
 * segment by segment, whole lines only, and in segments written since the engine started never past what
 * the log has acknowledged, so an append still in flight is not read before its fsync.
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeLine, type LogEntry } from './entry.js';
import { parseSegmentName } from './segments.js';

/** A place in the log: a segment file name and a byte offset into it, at the start of a line. */
export interface LogPosition {
  segment: string;
  offset: number;
}

/**
 * One entry read, with its receive time and the position just after its line (where a checkpoint after it
 * points). A prediction comes as its record's JSON text (`raw`), not parsed: the consumer may hand the text
 * on (PostgreSQL parses it) instead of paying for JSON.parse on the engine's thread.
 */
export type TailItem = { ts: number; end: LogPosition } & ({ raw: string } | { entry: LogEntry });

// `{"t":"p","ts":<ts>,"rec":<record>}`: encodeEntries writes every prediction with this head.
const P_HEAD = '{"t":"p","ts":';
const REC = ',"rec":';

/** A log line as a TailItem's payload; undefined for a line that is not an entry. */
export function tailPayload(
  line: string,
): { ts: number; raw: string } | { ts: number; entry: LogEntry } | undefined {
  if (line.startsWith(P_HEAD) && line.endsWith('}')) {
    const at = line.indexOf(REC, P_HEAD.length);
    const ts = at === -1 ? Number.NaN : Number(line.slice(P_HEAD.length, at));
    if (Number.isFinite(ts)) return { ts, raw: line.slice(at + REC.length, -1) };
  }
  const entry = decodeLine(line);
  return entry ? { ts: entry.ts, entry } : undefined;
}

/** How the reader is bounded. */
export interface TailOptions {
  dir: string;
  /**
   * Entries the log has acknowledged since the engine opened it (appends resolved). Lines in segments
   * created after the reader was made are read only up to this count.
   */
  settled: () => number;
}

const NEWLINE = 0x0a;
const FIRST_CHUNK = 1 << 20;

/** Reads the log forward; make it before the engine serves (it takes the segments present as settled). */
export class LogTail {
  private pos: LogPosition | null = null;
  private readonly boundAfter: number;
  private newRead = 0;
  private existingLeft = 0;
  private sought = false;

  private constructor(
    private readonly dir: string,
    private readonly settled: () => number,
    existing: number[],
  ) {
    this.boundAfter = Math.max(Number.NEGATIVE_INFINITY, ...existing);
  }

  /** A reader over the segments present now, which it takes as settled; seek() before the first read. */
  static async open(opts: Omit<TailOptions, 'from'>): Promise<LogTail> {
    const names = await segmentNames(opts.dir);
    return new LogTail(opts.dir, opts.settled, names.map(startOf));
  }

  /** Moves to `from` (null: the oldest segment's start) and counts the entries after it in the old segments. */
  async seek(from: LogPosition | null): Promise<void> {
    this.pos = from;
    this.existingLeft = 0;
    this.newRead = 0;
    const at = from ? startOf(from.segment) : Number.NEGATIVE_INFINITY;
    for (const name of await segmentNames(this.dir)) {
      const start = startOf(name);
      const offset = from && name === from.segment ? from.offset : 0;
      // old segments: what is left after `from`; segments written since start: what lies before it
      if (start <= this.boundAfter) {
        if (start >= at) this.existingLeft += await linesIn(this.dir, name, offset);
      } else if (start < at) this.newRead += await linesIn(this.dir, name, 0);
      else if (start === at) this.newRead += await linesIn(this.dir, name, 0, offset);
    }
    this.sought = true;
  }

  /** True once seek() has run. */
  get ready(): boolean {
    return this.sought;
  }

  /** The position after the last entry read. */
  get position(): LogPosition | null {
    return this.pos;
  }

  /** Entries in the log after the position (an estimate once appends have failed). */
  unread(): number {
    return this.existingLeft + Math.max(0, this.settled() - this.newRead);
  }

  /** Up to `max` entries after the position; fewer (or none) when it reaches what is settled. */
  async read(max: number): Promise<TailItem[]> {
    const out: TailItem[] = [];
    while (out.length < max) {
      const names = await segmentNames(this.dir);
      const seg = this.currentSegment(names);
      if (seg === undefined) break;
      const next = names[names.indexOf(seg) + 1];
      const { offset, atEnd } = await this.readSegment(seg, max - out.length, out);
      this.pos = { segment: seg, offset };
      // Stopped by max or by the settled bound; or caught up with the newest segment, whose torn or
      // in-flight tail waits for the next read.
      if (!atEnd || next === undefined) break;
      // A finished segment: go on with the next from its start. Anything past its last newline is a tail cut
      // off by a failed write, never acknowledged.
      this.pos = { segment: next, offset: 0 };
    }
    return out;
  }

  private currentSegment(names: string[]): string | undefined {
    if (this.pos === null) return names[0];
    if (names.includes(this.pos.segment)) return this.pos.segment;
    // pruned by retention (or never here): go on with the first segment after it
    const at = startOf(this.pos.segment);
    const next = names.find((n) => startOf(n) > at);
    if (next !== undefined) this.pos = { segment: next, offset: 0 };
    return next;
  }

  private async readSegment(
    seg: string,
    max: number,
    out: TailItem[],
  ): Promise<{ offset: number; atEnd: boolean }> {
    const bounded = startOf(seg) > this.boundAfter;
    let offset = this.pos?.segment === seg ? this.pos.offset : 0;
    const fh = await open(join(this.dir, seg), 'r');
    try {
      let size = FIRST_CHUNK;
      for (;;) {
        const buf = Buffer.allocUnsafe(size);
        const { bytesRead } = await fh.read(buf, 0, size, offset);
        if (bytesRead === 0) return { offset, atEnd: true };
        let start = 0;
        let taken = 0;
        for (let nl = buf.indexOf(NEWLINE); nl !== -1 && nl < bytesRead; nl = buf.indexOf(NEWLINE, start)) {
          if (out.length >= max) return { offset, atEnd: false };
          if (bounded && this.newRead >= this.settled()) return { offset, atEnd: false };
          const item = tailPayload(buf.toString('utf8', start, nl));
          offset += nl + 1 - start;
          start = nl + 1;
          taken++;
          if (bounded) this.newRead++;
          else if (this.existingLeft > 0) this.existingLeft--;
          if (item) out.push({ ...item, end: { segment: seg, offset } });
        }
        if (bytesRead < size) return { offset, atEnd: true }; // a partial last line, or none
        if (taken === 0) size *= 2; // one line longer than the buffer: read more of it at once
      }
    } finally {
      await fh.close();
    }
  }
}

const startOf = (name: string) => parseSegmentName(name) ?? Number.NEGATIVE_INFINITY;

async function segmentNames(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => parseSegmentName(n) !== undefined);
  return names.sort((a, b) => startOf(a) - startOf(b));
}

// Lines from byte `from` up to byte `to` of one segment.
async function linesIn(
  dir: string,
  name: string,
  from: number,
  to = Number.POSITIVE_INFINITY,
): Promise<number> {
  let count = 0;
  const fh = await open(join(dir, name), 'r');
  try {
    const buf = Buffer.allocUnsafe(FIRST_CHUNK);
    for (let at = from; at < to; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, to - at), at);
      if (bytesRead === 0) break;
      for (let i = buf.indexOf(NEWLINE); i !== -1 && i < bytesRead; i = buf.indexOf(NEWLINE, i + 1)) count++;
      at += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return count;
}

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
 * points). A prediction comes as its whole log line's bytes (`line`: `{"t":"p","ts":..,"rec":{..}}` and its
 * newline, a view into the read buffer), not decoded: the consumer hands the bytes on (PostgreSQL parses
 * them) instead of paying for a string, JSON.parse and re-encoding on the engine's thread.
 */
export type TailItem = { ts: number; end: LogPosition } & ({ line: Buffer } | { entry: LogEntry });

// `{"t":"p","ts":<ts>,"rec":<record>}`: encodeEntries and verbatimLines write every prediction with this head.
const P_HEAD = Buffer.from('{"t":"p","ts":', 'latin1');
const REC = Buffer.from(',"rec":', 'latin1');
const CLOSE_BRACE = 0x7d;

/**
 * The payload of the log line in `buf` from `start` up to its newline at `nl`; undefined for a line that is
 * not an entry. A prediction is recognised by its head without decoding the line.
 */
export function tailPayload(
  buf: Buffer,
  start: number,
  nl: number,
): { ts: number; line: Buffer } | { ts: number; entry: LogEntry } | undefined {
  if (
    nl - start > P_HEAD.length + REC.length &&
    buf.compare(P_HEAD, 0, P_HEAD.length, start, start + P_HEAD.length) === 0 &&
    buf[nl - 1] === CLOSE_BRACE
  ) {
    const at = buf.indexOf(REC, start + P_HEAD.length);
    const ts = at === -1 || at >= nl ? Number.NaN : Number(buf.toString('latin1', start + P_HEAD.length, at));
    if (Number.isFinite(ts)) return { ts, line: buf.subarray(start, nl + 1) };
  }
  const entry = decodeLine(buf.toString('utf8', start, nl));
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
  /** Entries taken by a read still in progress: past the position's counters, not yet handed over. */
  private reading = 0;

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
    return this.reading + this.existingLeft + Math.max(0, this.settled() - this.newRead);
  }

  /** Up to `max` entries after the position; fewer (or none) when it reaches what is settled. */
  async read(max: number): Promise<TailItem[]> {
    const out: TailItem[] = [];
    try {
      return await this.readInto(out, max);
    } finally {
      // handed over (or dropped with an error, to be read again after the next seek): no longer unread here
      this.reading = 0;
    }
  }

  private async readInto(out: TailItem[], max: number): Promise<TailItem[]> {
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
        const first = out.length;
        const scan = this.scanChunk(buf, bytesRead, seg, offset, bounded, max, out);
        offset = scan.offset;
        keepOnlyUsed(buf, out, first);
        if (scan.stopped) return { offset, atEnd: false };
        if (bytesRead < size) return { offset, atEnd: true }; // a partial last line, or none
        if (scan.taken === 0) size *= 2; // one line longer than the buffer: read more of it at once
      }
    } finally {
      await fh.close();
    }
  }

  /** Takes the whole lines of buf[0, bytesRead) at `offset` of `seg` into `out`, up to `max` and the bound. */
  private scanChunk(
    buf: Buffer,
    bytesRead: number,
    seg: string,
    offset: number,
    bounded: boolean,
    max: number,
    out: TailItem[],
  ): { offset: number; taken: number; stopped: boolean } {
    let start = 0;
    let taken = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1 && nl < bytesRead; nl = buf.indexOf(NEWLINE, start)) {
      if (out.length >= max) return { offset, taken, stopped: true };
      if (bounded && this.newRead >= this.settled()) return { offset, taken, stopped: true };
      const item = tailPayload(buf, start, nl);
      offset += nl + 1 - start;
      start = nl + 1;
      taken++;
      if (bounded) this.newRead++;
      else if (this.existingLeft > 0) this.existingLeft--;
      if (item) {
        out.push({ ...item, end: { segment: seg, offset } });
        this.reading++;
      }
    }
    return { offset, taken, stopped: false };
  }
}

/**
 * Points the `line`s of out[first..] into a copy of just the bytes they span: a 1 MiB read buffer would
 * otherwise stay alive for every few lines a read at a low rate takes, while the writer holds them.
 */
function keepOnlyUsed(buf: Buffer, out: TailItem[], first: number): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = first; i < out.length; i++) {
    const it = out[i]!;
    if (!('line' in it)) continue;
    const at = it.line.byteOffset - buf.byteOffset;
    lo = Math.min(lo, at);
    hi = Math.max(hi, at + it.line.length);
  }
  if (hi === 0) return;
  const kept = Buffer.from(buf.subarray(lo, hi)); // a copy
  for (let i = first; i < out.length; i++) {
    const it = out[i]!;
    if (!('line' in it)) continue;
    const at = it.line.byteOffset - buf.byteOffset - lo;
    it.line = kept.subarray(at, at + it.line.length);
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

/** Segment files: naming, rotation and retention decisions, as pure functions of names, sizes and times. */

/** What the log knows about one segment file. */
export interface SegmentInfo {
  name: string;
  /** Creation time from the name, epoch ms: segments replay in this order. */
  startMs: number;
  bytes: number;
  /** Newest entry ts seen in it (replay or append); undefined until known. */
  maxTs?: number;
  /** File modification time, epoch ms: the retention fallback when maxTs is unknown. */
  mtimeMs: number;
}

const NAME = /^events-(\d{13,16})\.ndjson$/;
const DAY_MS = 86_400_000;

/** `events-<epochms>.ndjson`, zero-padded so that names also sort lexically. */
export function segmentName(startMs: number): string {
  return `events-${String(Math.floor(startMs)).padStart(13, '0')}.ndjson`;
}

/** The start time encoded in a segment name, or undefined for any other file. */
export function parseSegmentName(name: string): number | undefined {
  const m = NAME.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * The start time for a new segment: now, but always after the previous one, so that name order stays
 * append order even when the clock steps back (NTP) or two segments open within one millisecond.
 */
export function nextStartMs(now: number, previous: number | undefined): number {
  return previous === undefined || now > previous ? Math.floor(now) : previous + 1;
}

/** The UTC day number of an epoch-ms time. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * True when a write of `incoming` bytes should go to a new segment: the active one would pass `maxBytes`
 * (a single oversized batch still gets a segment of its own), or the UTC day has changed since it opened,
 * so that retention can drop whole days.
 */
export function shouldRotate(active: SegmentInfo, now: number, incoming: number, maxBytes: number): boolean {
  if (active.bytes > 0 && active.bytes + incoming > maxBytes) return true;
  return utcDay(now) > utcDay(active.startMs);
}

/** The segments whose newest entry is older than the retention period; the active one is never among them. */
export function expiredSegments(
  segments: Iterable<SegmentInfo>,
  now: number,
  retentionMs: number,
  activeName: string | undefined,
): SegmentInfo[] {
  const cutoff = now - retentionMs;
  const out: SegmentInfo[] = [];
  for (const s of segments) {
    if (s.name !== activeName && (s.maxTs ?? s.mtimeMs) < cutoff) out.push(s);
  }
  return out;
}

/** Segments in replay (= creation) order. */
export function sortSegments<T extends SegmentInfo>(segments: Iterable<T>): T[] {
  return [...segments].sort((a, b) => a.startMs - b.startMs);
}

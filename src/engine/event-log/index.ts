/** The durable event log: append-only NDJSON segments under <data_dir>/events, fsynced before append resolves. */

import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Config, expandHome } from '../../config/index.js';
import { type EncodedBatch, encodeEntries, type LogEntry } from './entry.js';
import { GroupCommit } from './group-commit.js';
import { replaySegment } from './replay-segment.js';
import { SegmentSink } from './segment-sink.js';
import { expiredSegments, parseSegmentName, type SegmentInfo, sortSegments } from './segments.js';

export { decodeLine, type EncodedBatch, encodeEntries, type LogEntry } from './entry.js';

/** Where and how the log keeps its segments. */
export interface EventLogOptions {
  /** The segment directory, created when missing. */
  dir: string;
  /** Whole segments whose newest entry is older than this are pruned. Default 30 (the market-maker guide). */
  retentionDays?: number;
  /** A segment is closed once it would pass this size. Default 64 MiB. */
  maxSegmentBytes?: number;
  /** The clock for segment names and rotation; epoch ms. */
  now?: () => number;
}

/** What a replay read. */
export interface ReplayStats {
  segments: number;
  entries: number;
  tornLines: number;
  corruptLines: number;
}

/** Counters for /metrics and /health. */
export interface EventLogStats {
  segments: number;
  bytes: number;
  entriesWritten: number;
  /** Appends acknowledged. */
  batchesWritten: number;
  /** write + fdatasync rounds (group commits). */
  commits: number;
  failedCommits: number;
  entriesReplayed: number;
  tornLinesSkipped: number;
  corruptLinesSkipped: number;
  segmentsPruned: number;
  /** Empty segments deleted at open. */
  emptySegmentsRemoved: number;
}

/** An open event log. */
export interface EventLog {
  /** Writes the batch with one write + fdatasync (shared with concurrent appends); ack only after it resolves. */
  append(entries: readonly LogEntry[]): Promise<void>;
  /** append() for lines already encoded as encodeEntries would (an ingest worker encodes them). */
  appendEncoded(batch: EncodedBatch): Promise<void>;
  /** Streams every segment that existed at open, oldest first; call once, before serving. */
  replay(onEntry: (entry: LogEntry) => void): Promise<ReplayStats>;
  /** Deletes whole expired segments and returns their names. */
  prune(now?: number): Promise<string[]>;
  stats(): EventLogStats;
  /** Waits for in-flight appends, then closes the active segment. */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Event-log options from the engine config: `<data_dir>/events`, `retention_days`. */
export function eventLogOptions(engine: Config['engine'], now?: () => number): EventLogOptions {
  const opts: EventLogOptions = {
    dir: join(expandHome(engine.data_dir), 'events'),
    retentionDays: engine.retention_days,
  };
  return now ? { ...opts, now } : opts;
}

/** Opens (creating if needed) the log in `opts.dir`. Appends always go to a new segment. */
export async function openEventLog(opts: EventLogOptions): Promise<EventLog> {
  const { dir, now = Date.now } = opts;
  const retentionMs = (opts.retentionDays ?? 30) * DAY_MS;
  await mkdir(dir, { recursive: true, mode: 0o700 }); // private: it holds every prediction
  const segments = new Map<string, SegmentInfo>();
  let emptyRemoved = 0;
  for (const name of await readdir(dir)) {
    const startMs = parseSegmentName(name);
    if (startMs === undefined) continue;
    const st = await stat(join(dir, name));
    // An empty segment holds nothing to replay (a run that failed its first append, or a crash right after
    // opening one); older versions left one per failed append under a full disk, and every start read them all.
    if (st.size === 0) {
      await unlink(join(dir, name));
      emptyRemoved++;
      continue;
    }
    segments.set(name, { name, startMs, bytes: st.size, mtimeMs: st.mtimeMs });
  }
  const existing = sortSegments(segments.values());
  const sink = new SegmentSink(dir, segments, now, opts.maxSegmentBytes ?? 64 * 1024 * 1024);
  const commit = new GroupCommit(sink);
  const replayed: ReplayStats = { segments: 0, entries: 0, tornLines: 0, corruptLines: 0 };
  let pruned = 0;
  let closed = false;

  return {
    async append(entries) {
      if (closed) throw new Error('event log is closed');
      if (entries.length > 0) await commit.submit(encodeEntries(entries));
    },
    async appendEncoded(batch) {
      if (closed) throw new Error('event log is closed');
      if (batch.entries > 0) await commit.submit(batch);
    },
    async replay(onEntry) {
      const stats: ReplayStats = { segments: 0, entries: 0, tornLines: 0, corruptLines: 0 };
      for (const seg of existing) {
        if (!segments.has(seg.name)) continue; // pruned meanwhile
        const r = await replaySegment(join(dir, seg.name), onEntry);
        seg.bytes = r.goodBytes;
        if (r.maxTs !== undefined) seg.maxTs = r.maxTs;
        stats.segments++;
        stats.entries += r.entries;
        stats.tornLines += r.tornLines;
        stats.corruptLines += r.corruptLines;
      }
      for (const k of ['segments', 'entries', 'tornLines', 'corruptLines'] as const) replayed[k] += stats[k];
      return stats;
    },
    async prune(at = now()) {
      const names: string[] = [];
      for (const seg of expiredSegments(segments.values(), at, retentionMs, sink.activeName)) {
        await unlink(join(dir, seg.name)).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') throw e;
        });
        segments.delete(seg.name);
        names.push(seg.name);
      }
      pruned += names.length;
      return names;
    },
    stats() {
      let bytes = 0;
      for (const s of segments.values()) bytes += s.bytes;
      const c = commit.stats;
      return {
        segments: segments.size,
        bytes,
        entriesWritten: c.entries,
        batchesWritten: c.batches,
        commits: c.commits,
        failedCommits: c.failures,
        entriesReplayed: replayed.entries,
        tornLinesSkipped: replayed.tornLines,
        corruptLinesSkipped: replayed.corruptLines,
        segmentsPruned: pruned,
        emptySegmentsRemoved: emptyRemoved,
      };
    },
    async close() {
      closed = true;
      await commit.idle();
      await sink.abandon();
    },
  };
}

import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEntries } from '../../src/engine/event-log/entry.js';
import { type CommitSink, GroupCommit } from '../../src/engine/event-log/group-commit.js';
import { type EventLog, type LogEntry, openEventLog } from '../../src/engine/event-log/index.js';
import {
  expiredSegments,
  nextStartMs,
  parseSegmentName,
  type SegmentInfo,
  segmentName,
  shouldRotate,
} from '../../src/engine/event-log/segments.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1, 10);

const pred = (n: number, ts = T0): LogEntry => ({
  t: 'p',
  ts,
  rec: { id: `r${n}`, ts, features: { close: n }, prediction: n % 2 ? 'up' : 'down' },
});

async function readAll(log: EventLog): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  await log.replay((e) => out.push(e));
  return out;
}

let dir: string;
const opened: EventLog[] = [];
async function open(opts: { now?: () => number; maxSegmentBytes?: number; retentionDays?: number } = {}) {
  const log = await openEventLog({ dir, ...opts });
  opened.push(log);
  return log;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mmops-log-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('segments', () => {
  const seg = (startMs: number, bytes = 0, maxTs?: number): SegmentInfo => ({
    name: segmentName(startMs),
    startMs,
    bytes,
    mtimeMs: startMs,
    ...(maxTs === undefined ? {} : { maxTs }),
  });

  it('names sort lexically and parse back', () => {
    expect(segmentName(T0)).toBe(`events-${T0}.ndjson`);
    expect(parseSegmentName(segmentName(T0))).toBe(T0);
    expect(parseSegmentName('events-1.ndjson.tmp')).toBeUndefined();
  });

  it('keeps start times increasing when the clock steps back', () => {
    expect(nextStartMs(T0, undefined)).toBe(T0);
    expect(nextStartMs(T0, T0)).toBe(T0 + 1);
    expect(nextStartMs(T0 - 5000, T0)).toBe(T0 + 1);
  });

  it('rotates on size (not for an empty segment) and on a new UTC day', () => {
    expect(shouldRotate(seg(T0, 90), T0, 20, 100)).toBe(true);
    expect(shouldRotate(seg(T0, 0), T0, 500, 100)).toBe(false);
    expect(shouldRotate(seg(T0, 10), T0 + 14 * 3600_000, 20, 100)).toBe(true); // 10:00 + 14 h is tomorrow
    expect(shouldRotate(seg(T0, 10), T0 + 3600_000, 20, 100)).toBe(false);
  });

  it('expires by newest entry, falling back to mtime, never the active segment', () => {
    const old = seg(T0, 1, T0 + 1000);
    const young = seg(T0 + 1, 1, T0 + 31 * DAY);
    const unknown = seg(T0 + 2);
    const active = seg(T0 + 3, 1, T0);
    const out = expiredSegments([old, young, unknown, active], T0 + 35 * DAY, 30 * DAY, active.name);
    expect(out.map((s) => s.startMs)).toEqual([T0, T0 + 2]);
  });
});

describe('GroupCommit', () => {
  const tick = () => new Promise((r) => setImmediate(r));
  function gatedSink(fail?: (data: string) => boolean) {
    const writes: string[] = [];
    const gates: (() => void)[] = [];
    const sink: CommitSink = {
      async write(data) {
        if (fail?.(data.toString())) throw new Error('disk full');
        writes.push(data.toString());
      },
      sync: () => new Promise<void>((r) => gates.push(r)),
    };
    return { sink, writes, open: () => gates.shift()!() };
  }
  const batch = (s: string) => ({ data: Buffer.from(s), entries: 1, maxTs: 0 });

  it('acks only after fsync, and writes batches queued behind an fsync together', async () => {
    const { sink, writes, open } = gatedSink();
    const gc = new GroupCommit(sink);
    const acked: string[] = [];
    const submit = (s: string) => gc.submit(batch(s)).then(() => acked.push(s));
    const all = [submit('A')];
    await tick();
    all.push(submit('B'), submit('C'));
    await tick();
    expect([writes, acked]).toEqual([['A'], []]); // A is written, its fsync is in flight
    open();
    await tick();
    expect([writes, acked]).toEqual([['A', 'BC'], ['A']]);
    open();
    await Promise.all(all);
    expect(acked).toEqual(['A', 'B', 'C']);
    expect(gc.stats).toEqual({ batches: 3, entries: 3, bytes: 3, commits: 2, failures: 0 });
  });

  it('rejects every batch of a failed group and carries on', async () => {
    const { sink, open } = gatedSink((d) => d.includes('X'));
    const gc = new GroupCommit(sink);
    const a = gc.submit(batch('A'));
    await tick();
    const x = gc.submit(batch('X'));
    const y = gc.submit(batch('Y'));
    open();
    await expect(x).rejects.toThrow('disk full');
    await expect(y).rejects.toThrow('disk full'); // same group: it may or may not be on disk
    await a;
    const z = gc.submit(batch('Z'));
    await tick();
    open();
    await z;
    expect(gc.stats).toMatchObject({ batches: 2, failures: 1 });
  });

  it('bounds a group by bytes', async () => {
    const { sink, writes, open } = gatedSink();
    const gc = new GroupCommit(sink, 2);
    const all = ['A', 'B', 'C', 'D'].map((s) => gc.submit(batch(s)));
    for (let i = 0; i < 3; i++) {
      await tick();
      open();
    }
    await Promise.all(all);
    expect(writes).toEqual(['A', 'BC', 'D']);
    expect(
      encodeEntries([
        { t: 'r', ts: 5, ref: 'x' },
        { t: 'r', ts: 3, ref: 'y' },
      ]).maxTs,
    ).toBe(5);
  });
});

describe('event log on disk', () => {
  it('replays every appended entry in order, across reopen', async () => {
    const log = await open();
    await log.append([pred(1), pred(2)]);
    await log.append([{ t: 'a', ts: T0, id: 'r1', actual: 'up' }]);
    await log.append([{ t: 'r', ts: T0, ref: 'reference-1.csv' }, pred(3)]);
    expect(log.stats()).toMatchObject({ entriesWritten: 5, batchesWritten: 3, segments: 1 });
    await log.close();

    const again = await open();
    const entries = await readAll(again);
    expect(entries.map((e) => (e.t === 'p' ? e.rec.id : e.t))).toEqual(['r1', 'r2', 'a', 'r', 'r3']);
    expect(entries[0]).toEqual(pred(1));
    await again.append([pred(4)]);
    expect((await readdir(dir)).length).toBe(2); // a new run never appends to an old segment
  });

  it('skips and truncates a torn last line, and stays usable', async () => {
    const log = await open();
    await log.append([pred(1), pred(2)]);
    await log.close();
    const [name] = await readdir(dir);
    const file = join(dir, name!);
    const good = (await stat(file)).size;
    const line = JSON.stringify(pred(3));
    await appendFile(file, line.slice(0, line.length / 2)); // a crash mid-write

    const after = await open();
    const stats = await after.replay(() => {});
    expect(stats).toMatchObject({ entries: 2, tornLines: 1, corruptLines: 0 });
    expect((await stat(file)).size).toBe(good);
    expect(after.stats().tornLinesSkipped).toBe(1);
    await after.append([pred(4)]);
    await after.close();

    const third = await open();
    const entries = await readAll(third);
    expect(entries.map((e) => e.t === 'p' && e.rec.id)).toEqual(['r1', 'r2', 'r4']);
    expect(third.stats().tornLinesSkipped).toBe(0);
  });

  it('skips corrupt complete lines without losing the rest', async () => {
    const name = segmentName(T0);
    const lines = [
      JSON.stringify(pred(1)),
      '{"t":"p","ts":1',
      '\u0000\u0000',
      '{"t":"x","ts":1}',
      JSON.stringify(pred(2)),
    ];
    await writeFile(join(dir, name), `${lines.join('\n')}\n`);
    const log = await open();
    const seen: LogEntry[] = [];
    expect(await log.replay((e) => seen.push(e))).toMatchObject({
      entries: 2,
      corruptLines: 3,
      tornLines: 0,
    });
    expect(seen).toEqual([pred(1), pred(2)]);
  });

  it('streams lines that span read chunks', async () => {
    const big: LogEntry = { t: 'r', ts: T0, ref: 'x'.repeat(3_000_000) };
    const log = await open();
    await log.append([pred(1), big, pred(2)]);
    await log.close();
    const entries = await readAll(await open());
    expect(entries.map((e) => e.t)).toEqual(['p', 'r', 'p']);
    expect(entries[1]).toEqual(big);
  });

  it('lands every concurrent append, coalescing them into fewer fsyncs', async () => {
    const log = await open();
    const batches = Array.from({ length: 200 }, (_, b) =>
      Array.from({ length: 10 }, (_, i) => pred(b * 10 + i)),
    );
    await Promise.all(batches.map((b) => log.append(b)));
    const s = log.stats();
    expect(s).toMatchObject({ batchesWritten: 200, entriesWritten: 2000, failedCommits: 0 });
    expect(s.commits).toBeLessThan(200);
    await log.close();
    const ids = (await readAll(await open())).map((e) => e.t === 'p' && e.rec.id);
    // Each batch is contiguous and in submission order: the queue is FIFO.
    expect(ids).toEqual(batches.flat().map((e) => e.t === 'p' && e.rec.id));
  });

  it('rotates by size and replays segments in order', async () => {
    const log = await open({ maxSegmentBytes: 400 });
    for (let i = 0; i < 20; i++) await log.append([pred(i)]);
    expect(log.stats().segments).toBeGreaterThan(5);
    await log.close();
    const ids = (await readAll(await open())).map((e) => e.t === 'p' && e.rec.id);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
  });

  it('rotates by day, and prune deletes only segments past retention', async () => {
    let now = T0;
    const log = await open({ now: () => now, retentionDays: 30 });
    await log.append([pred(1, now)]);
    now += DAY;
    await log.append([pred(2, now)]);
    now += 20 * DAY;
    await log.append([pred(3, now)]);
    expect(log.stats().segments).toBe(3);

    expect(await log.prune(T0 + 30 * DAY)).toEqual([]); // the first segment's newest entry is exactly 30 days old
    expect(await log.prune(T0 + 30 * DAY + 1)).toEqual([segmentName(T0)]);
    now = T0 + 100 * DAY;
    expect(await log.prune()).toEqual([segmentName(T0 + DAY)]); // the active one stays, however old
    expect(log.stats()).toMatchObject({ segments: 1, segmentsPruned: 2 });
    await log.close();
    const ids = (await readAll(await open())).map((e) => e.t === 'p' && e.rec.id);
    expect(ids).toEqual(['r3']);
  });

  it('learns segment ages on replay, so a restarted engine prunes correctly', async () => {
    let now = T0;
    const first = await open({ now: () => now });
    await first.append([pred(1, now)]);
    await first.close();
    now += 40 * DAY;
    const second = await open({ now: () => now });
    await second.replay(() => {});
    expect(await second.prune()).toEqual([segmentName(T0)]);
  });

  it('refuses an entry it cannot encode, without writing anything', async () => {
    const log = await open();
    await expect(log.append([pred(1), { ...pred(2), ts: Number.NaN }])).rejects.toThrow(/finite/);
    await log.close();
    await expect(log.append([pred(3)])).rejects.toThrow(/closed/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes a prediction given as verbatim text as that text', async () => {
    const raw = '{"id":"v1","ts":1704103200000,"features":{"close":0.30000000000000004},"prediction":"up"}';
    const log = await open();
    await log.append([{ t: 'p', ts: T0, rec: JSON.parse(raw), raw }, pred(2)]);
    await log.close();
    const [name] = await readdir(dir);
    expect((await readFile(join(dir, name!), 'utf8')).split('\n')[0]).toBe(
      `{"t":"p","ts":${T0},"rec":${raw}}`,
    );
    expect(await readAll(await open())).toEqual([{ t: 'p', ts: T0, rec: JSON.parse(raw) }, pred(2)]);
  });

  it('writes one JSON entry per line', async () => {
    const log = await open();
    await log.append([pred(1), { t: 'a', ts: T0, id: 'r1', actual: 1 }]);
    await log.close();
    const [name] = await readdir(dir);
    const text = await readFile(join(dir, name!), 'utf8');
    expect(text.split('\n')).toEqual([
      JSON.stringify(pred(1)),
      '{"t":"a","ts":1704103200000,"id":"r1","actual":1}',
      '',
    ]);
  });
});

/**
 * The event log's tail reader on a real log in a temp dir: reads forward across segments from a position,
 * never past what the log acknowledged in segments written since it opened, counts what is left, and
 * hands predictions on as their JSON text.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventLog, type LogEntry, openEventLog } from '../../../src/engine/event-log/index.js';
import { LogTail, type TailItem, tailPayload } from '../../../src/engine/event-log/tail-reader.js';
import { watchAppends } from '../../../src/engine/store/watch-appends.js';
import { tempDir } from '../helpers/engine.js';

let tmp: ReturnType<typeof tempDir>;
let now = 1_764_900_000_000;
const dir = () => join(tmp.dir, 'events');
const p = (id: string, ts = now): LogEntry => ({
  t: 'p',
  ts,
  rec: { id, ts, features: { x: 1, s: 'a\tb' } },
});
const ids = (items: TailItem[]) =>
  items.map((i) => ('line' in i ? JSON.parse(i.line.toString()).rec.id : i.entry.t));

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function open(maxSegmentBytes = 1 << 20): Promise<EventLog> {
  return openEventLog({ dir: dir(), maxSegmentBytes, now: () => now++ });
}

describe('LogTail', () => {
  it('reads old segments whole and new ones up to what was acknowledged, across rotations', async () => {
    const first = await open(200);
    await first.append([p('a1'), p('a2')]);
    await first.append([p('a3')]);
    await first.close();
    const log = await open(200); // a restart: the old segments are settled
    const watched = watchAppends(log, () => {});
    const tail = await LogTail.open({ dir: dir(), settled: watched.settled });
    await tail.seek(null);
    expect(tail.unread()).toBe(3);
    expect(ids(await tail.read(2))).toEqual(['a1', 'a2']);
    expect(ids(await tail.read(10))).toEqual(['a3']);
    await watched.log.append([p('b1'), p('b2')]);
    await watched.log.append([{ t: 'a', ts: now, id: 'b1', actual: 'up' }, p('b3')]);
    expect(tail.unread()).toBe(4);
    const more = await tail.read(10);
    expect(ids(more)).toEqual(['b1', 'b2', 'a', 'b3']);
    expect(tail.unread()).toBe(0);
    // a new reader from the last item's end position reads nothing more; from the start it reads all 7
    const again = await LogTail.open({ dir: dir(), settled: () => 0 });
    await again.seek(more[more.length - 1]!.end);
    expect(again.unread()).toBe(0);
    expect(await again.read(10)).toEqual([]);
    await again.seek(null);
    expect(ids(await again.read(100))).toHaveLength(7);
    await log.close();
  });

  it('keeps only the bytes of the lines it hands on, not its read buffer', async () => {
    const log = await open();
    await log.append([p('m1'), p('m2')]);
    const tail = await LogTail.open({ dir: dir(), settled: () => 0 });
    await tail.seek(null);
    const items = await tail.read(10);
    expect(ids(items)).toEqual(['m1', 'm2']);
    for (const i of items) if ('line' in i) expect(i.line.buffer.byteLength).toBeLessThan(1 << 16);
    await log.close();
  });

  it('does not read lines the log has not acknowledged', async () => {
    const log = await open();
    const tail = await LogTail.open({ dir: dir(), settled: () => 1 });
    await tail.seek(null);
    await log.append([p('c1'), p('c2')]); // written and fsynced, but the reader is told only 1 is settled
    expect(ids(await tail.read(10))).toEqual(['c1']);
    expect(tail.unread()).toBe(0);
    await log.close();
  });

  it('recounts what lies before a position in a new segment when it seeks there', async () => {
    const log = await open();
    const watched = watchAppends(log, () => {});
    const tail = await LogTail.open({ dir: dir(), settled: watched.settled });
    await tail.seek(null);
    await watched.log.append([p('d1'), p('d2'), p('d3')]);
    const read = await tail.read(2);
    await tail.seek(read[1]!.end);
    expect(tail.unread()).toBe(1);
    expect(ids(await tail.read(10))).toEqual(['d3']);
    await log.close();
  });
});

describe('tailPayload', () => {
  const payload = (line: string) => {
    const buf = Buffer.from(`${line}\n`);
    return tailPayload(buf, 0, buf.length - 1);
  };
  it("hands a prediction's line on as its bytes, with its receive time, and decodes other entries", () => {
    const line = '{"t":"p","ts":1764900000000,"rec":{"id":"x","features":{"q":"}"}}}';
    const p = payload(line);
    expect(p && 'line' in p && { ts: p.ts, line: p.line.toString() }).toEqual({
      ts: 1764900000000,
      line: `${line}\n`,
    });
    const actual = '{"t":"a","ts":5,"id":"x","actual":"up"}';
    expect(payload(actual)).toEqual({ ts: 5, entry: { t: 'a', ts: 5, id: 'x', actual: 'up' } });
    expect(payload('{"t":"p","ts":1,"rec":{"id"')).toBeUndefined();
    expect(payload('not json')).toBeUndefined();
  });
});

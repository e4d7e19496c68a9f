/**
 * The writer's cheap path: prediction log lines handed to COPY as their bytes (escaped only where COPY's text
 * format needs it), the record's ts found without parsing, and the one-row path's parse.
 */
import { describe, expect, it } from 'vitest';
import { copyLines } from '../../../src/engine/store/copy-rows.js';
import { parseLine, planBatch, recordTs } from '../../../src/engine/store/plan-batch.js';

const line = (text: string) => Buffer.from(`${text}\n`);

describe('copyLines', () => {
  it('passes plain JSON lines through byte for byte', () => {
    const a = line('{"t":"p","ts":1,"rec":{"id":"a","features":{"x":1}}}');
    const b = line('{"t":"p","ts":2,"rec":{"id":"ü","features":{"x":2}}}');
    expect(copyLines([a, b]).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it("escapes a line's backslashes, tabs and CRs for COPY text, leaving the others as they are", () => {
    const plain = line('{"t":"p","ts":1,"rec":{"id":"a"}}');
    const odd = line('{"t":"p","ts":2,\t"rec":{"id":"b\\"q","s":"c:\\\\d"}\r}');
    expect(copyLines([plain, odd]).toString()).toBe(
      `${plain.toString()}{"t":"p","ts":2,\\t"rec":{"id":"b\\\\"q","s":"c:\\\\\\\\d"}\\r}\n`,
    );
  });
});

describe('recordTs', () => {
  it("reads the record's ts, not the receive time in the head", () => {
    expect(recordTs(line('{"t":"p","ts":99,"rec":{"id":"a","ts":1764900000000.5,"x":1}}'))).toBe(
      1764900000000.5,
    );
    expect(recordTs(line('{"t":"p","ts":99,"rec":{"id":"a","ts":"2026-12-05"}}'))).toBeUndefined();
    expect(recordTs(line('{"t":"p","ts":99,"rec":{"id":"a"}}'))).toBeUndefined();
  });
});

describe('planBatch', () => {
  it('keeps lines as bytes, parses them for the one-row path, and names each day once', () => {
    const day1 = Date.UTC(2026, 11, 4, 23, 59);
    const day2 = Date.UTC(2026, 11, 5, 0, 1);
    const items = [day1, day1 + 1, day2].map((ts, i) => ({
      ts,
      end: { segment: 's', offset: i },
      line: line(`{"t":"p","ts":${ts},"rec":{"id":"r${i}","ts":${ts}}}`),
    }));
    const plan = planBatch(items, [], 0);
    expect([...plan.days]).toEqual(['2026-12-04', '2026-12-05']);
    expect(plan.batch.predictions.map((p) => 'line' in p)).toEqual([true, true, true]);
    expect(plan.batch.checkpoint).toEqual({ position: { segment: 's', offset: 2 }, entries: 3, logTs: day2 });
    const one = planBatch([items[0]!], [], 0, { parse: true });
    expect(one.batch.predictions[0]).toEqual({ rec: { id: 'r0', ts: day1 }, receivedAt: day1 });
    expect(parseLine(items[2]!.line)).toEqual({ id: 'r2', ts: day2 });
    expect(() => parseLine(line('{"t":"p","ts":1,"rec":{'))).toThrow();
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  CategoricalColumn,
  Column,
  Frame,
  NumericColumn,
  TimestampColumn,
} from '../../src/monitor/frame/index.js';
import { FrameError, OHLCV_SCHEMA, readFrame } from '../../src/monitor/frame/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'frames');
const fixture = (name: string) => join(dir, name);

function col(frame: Frame, name: string): Column {
  const c = frame.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}
const num = (frame: Frame, name: string) => col(frame, name) as NumericColumn;
const cat = (frame: Frame, name: string) => col(frame, name) as CategoricalColumn;
const ts = (frame: Frame, name: string) => col(frame, name) as TimestampColumn;

async function rejection(path: string): Promise<FrameError> {
  const err = await readFrame(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FrameError);
  return err as FrameError;
}

describe('readFrame: CSV', () => {
  it('infers types for the OHLCV sample', async () => {
    const { frame, schemaIssues } = await readFrame(fixture('ohlcv.csv'));
    expect(schemaIssues).toEqual([]);
    expect(frame.rows).toBe(5);
    expect(frame.columns.map((c) => [c.name, c.kind, c.dtype])).toEqual([
      ['ts', 'timestamp', 'datetime'],
      ['open', 'numeric', 'float64'],
      ['high', 'categorical', 'string'],
      ['low', 'numeric', 'float64'],
      ['close', 'numeric', 'float64'],
      ['volume', 'numeric', 'float64'],
    ]);
    expect(ts(frame, 'ts').values[0]).toBe(Date.UTC(2024, 0, 2, 9, 30));
    expect([...num(frame, 'low').values]).toEqual([100, 100.75, Number.NaN, 100.9, 101]);
    // 'abc' turned high into a string column; earlier numbers keep their canonical text.
    expect(cat(frame, 'high').values).toEqual(['101.25', '101.5', '101.3', '101', 'abc']);
  });

  it('coerces to the guide schema and counts the cells that do not fit', async () => {
    const { frame, schemaIssues } = await readFrame(fixture('ohlcv.csv'), { schema: 'ohlcv' });
    const high = num(frame, 'high');
    expect(high.dtype).toBe('float64');
    expect(high.invalid).toBe(1);
    expect(Number.isNaN(high.values[4]!)).toBe(true);
    const volume = num(frame, 'volume');
    expect(volume.dtype).toBe('int64');
    expect(volume.invalid).toBe(1);
    expect([...volume.values]).toEqual([1200, 900, 1500, -10, Number.NaN]);
    expect(schemaIssues.map((s) => [s.code, s.column, s.count])).toEqual([
      ['type_mismatch', 'high', 1],
      ['type_mismatch', 'volume', 1],
    ]);
  });

  it('reports a missing expected column as an issue, not an error', async () => {
    const { frame, schemaIssues } = await readFrame(fixture('missing.csv'), { schema: OHLCV_SCHEMA });
    expect(frame.rows).toBe(9);
    expect(schemaIssues.map((s) => s.code)).toEqual(Array(5).fill('missing_column'));
    expect(schemaIssues[0]).toMatchObject({ column: 'open', expected: 'float64' });
  });

  it('treats every missing spelling as missing', async () => {
    const { frame } = await readFrame(fixture('missing.csv'));
    const n = num(frame, 'num');
    expect(n.dtype).toBe('float64');
    expect([...n.values].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      1.5,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      2.5,
    ]);
    expect(cat(frame, 'text').values).toEqual(['alpha', 'beta', null, null, null, null, null, 'gamma', null]);
    const flag = cat(frame, 'flag');
    expect(flag.dtype).toBe('bool');
    expect(flag.values).toEqual(['true', 'false', 'true', null, 'false', 'true', 'false', null, 'true']);
  });

  it('infers each column of a mixed file', async () => {
    const { frame } = await readFrame(fixture('mixed-types.csv'));
    expect(frame.columns.map((c) => c.dtype)).toEqual([
      'int64',
      'string',
      'float64',
      'string',
      'string',
      'string',
      'float64',
    ]);
    expect(cat(frame, 'price').values).toEqual(['10.5', 'abc', '11', '12.25']);
    expect(cat(frame, 'when').values[3]).toBe('not a date');
    expect([...num(frame, 'frac').values]).toEqual([0.5, 1, 2, 0.001]);
  });

  it('coerces a mixed file to a schema, counting 1.5 in int64 and abc in float64', async () => {
    const schema = { price: 'float64', qty: 'int64', when: 'datetime', maybe: 'bool', id: 'string' } as const;
    const { frame, schemaIssues } = await readFrame(fixture('mixed-types.csv'), { schema });
    expect(num(frame, 'price').invalid).toBe(1);
    expect(num(frame, 'qty').invalid).toBe(1);
    expect([...num(frame, 'qty').values]).toEqual([3, 4, Number.NaN, 6]);
    expect(ts(frame, 'when').values[2]).toBe(Date.UTC(2024, 0, 4, 12, 30));
    expect(ts(frame, 'when').invalid).toBe(1);
    expect(cat(frame, 'maybe').values).toEqual(['true', 'false', null, 'true']);
    expect(cat(frame, 'id').values).toEqual(['1', '2', '3', '4']);
    expect(schemaIssues.map((s) => `${s.column}:${s.count}`)).toEqual([
      'price:1',
      'qty:1',
      'when:1',
      'maybe:1',
    ]);
  });

  it('handles quotes, escaped quotes, embedded newlines, CRLF, a BOM and blank lines', async () => {
    const { frame } = await readFrame(fixture('quoted.csv'));
    expect(frame.columns.map((c) => c.name)).toEqual(['id', 'comment', 'value']);
    expect(cat(frame, 'comment').values).toEqual(['hello, world', 'say "hi"', 'two\r\nlines', null]);
    expect([...num(frame, 'value').values]).toEqual([1.5, 2.5, 3.5, 4.5]);
  });

  it('names file and line for a ragged row', async () => {
    expect((await rejection(fixture('ragged.csv'))).message).toMatch(
      /ragged\.csv:4: expected 6 fields, found 5$/,
    );
    const err = await rejection(fixture('ragged-long.csv'));
    expect(err.message).toMatch(/ragged-long\.csv:18: expected 2 fields, found 3$/);
    expect(err.line).toBe(18);
  });

  it('names the line where an unterminated quote starts', async () => {
    expect((await rejection(fixture('unterminated.csv'))).message).toMatch(
      /unterminated\.csv:2: unterminated quoted field/,
    );
  });

  it('rejects other extensions and missing files', async () => {
    expect((await rejection(fixture('data.txt'))).message).toMatch(
      /data\.txt: unsupported file type "\.txt"; expected \.csv, \.ndjson, \.jsonl/,
    );
    expect((await rejection(fixture('nope.csv'))).message).toMatch(/nope\.csv: cannot read: .*ENOENT/);
  });

  it('rejects an empty file and reads a header-only file as zero rows', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mmops-frame-'));
    writeFileSync(join(tmp, 'empty.csv'), '');
    writeFileSync(join(tmp, 'header.csv'), 'a,b,,a\n');
    expect((await rejection(join(tmp, 'empty.csv'))).message).toMatch(/empty\.csv:1: empty file/);
    const { frame } = await readFrame(join(tmp, 'header.csv'));
    expect(frame.rows).toBe(0);
    // pandas' names for blank and repeated headers.
    expect(frame.columns.map((c) => c.name)).toEqual(['a', 'b', 'Unnamed: 2', 'a.1']);
  });

  it('reads rows split across many chunks', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mmops-frame-'));
    const rows = 60_000;
    const lines = ['x,y,label'];
    for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 0.25).toFixed(2)},"l ${i % 7}, ""q"""`);
    writeFileSync(join(tmp, 'big.csv'), `${lines.join('\n')}\n`);
    const { frame } = await readFrame(join(tmp, 'big.csv'));
    expect(frame.rows).toBe(rows);
    expect(num(frame, 'x').dtype).toBe('int64');
    expect(num(frame, 'y').values[59_999]).toBe(14999.75);
    expect(cat(frame, 'label').values[12]).toBe('l 5, "q"');
  });
});

describe('readFrame: NDJSON', () => {
  it('flattens features, keeps top-level scalars, skips other objects', async () => {
    const { frame } = await readFrame(fixture('records.ndjson'));
    expect(frame.rows).toBe(3);
    expect(frame.columns.map((c) => c.name)).toEqual([
      'id',
      'ts',
      'model',
      'prediction',
      'confidence',
      'latency_seconds',
      'close',
      'volume',
      'venue',
      'actual',
      'spread',
      'error',
      'features.model',
    ]);
    // ISO strings and epoch ms both land in the timestamp column.
    expect([...ts(frame, 'ts').values]).toEqual([
      Date.UTC(2024, 0, 2, 9, 30, 0),
      Date.UTC(2024, 0, 2, 9, 30, 1),
      1704187802000,
    ]);
    expect([...num(frame, 'close').values].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      101.5,
      null,
      null,
    ]);
    expect([...num(frame, 'spread').values].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      null,
      0.02,
      null,
    ]);
    expect(cat(frame, 'actual').values).toEqual([null, 'down', null]);
    expect(cat(frame, 'features.model').values).toEqual([null, null, 'inner']);
    expect(cat(frame, 'model').values).toEqual(['m1', 'm1', 'm1']);
  });

  it('names file and line for invalid JSON and for non-objects', async () => {
    expect((await rejection(fixture('bad-line.ndjson'))).message).toMatch(
      /bad-line\.ndjson:3: invalid JSON: /,
    );
    expect((await rejection(fixture('not-object.jsonl'))).message).toMatch(
      /not-object\.jsonl:3: expected a JSON object, found an array/,
    );
  });
});

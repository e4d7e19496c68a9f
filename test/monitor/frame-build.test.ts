import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../../src/monitor/frame/index.js';
import {
  checkSchema,
  column,
  FrameError,
  flattenRecord,
  frameFromColumns,
  frameFromRecords,
  mismatchCount,
} from '../../src/monitor/frame/index.js';

function get(frame: Frame, name: string): Column {
  const c = column(frame, name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}
const cells = (c: Column) => [...c.values].map((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v));

describe('flattenRecord', () => {
  it('lifts features one level and keeps clashing features under a dotted name', () => {
    const rec = {
      id: 'a',
      close: 1,
      features: { close: 2, open: 3, nested: { x: 1 } },
      list: [1],
      obj: { y: 2 },
    };
    expect(flattenRecord(rec)).toEqual({ id: 'a', close: 1, 'features.close': 2, open: 3 });
  });
});

describe('frameFromRecords', () => {
  it('builds typed columns from engine-style records, padding sparse fields', () => {
    const { frame, schemaIssues } = frameFromRecords([
      { id: 'p1', ts: 1_700_000_000_000, features: { close: 10.5, venue: 'NYSE' }, prediction: 1 },
      { id: 'p2', ts: 1_700_000_001_000, features: { close: 11, venue: 'LSE', flag: true }, prediction: 0 },
      { id: 'p3', ts: '2023-11-14T22:13:22Z', features: { close: null }, prediction: 1, confidence: 0.9 },
    ]);
    expect(schemaIssues).toEqual([]);
    expect(frame.rows).toBe(3);
    expect(frame.columns.map((c) => `${c.name}:${c.dtype}`)).toEqual([
      'id:string',
      'ts:datetime',
      'prediction:int64',
      'close:float64',
      'venue:string',
      'flag:bool',
      'confidence:float64',
    ]);
    expect(cells(get(frame, 'flag'))).toEqual([null, 'true', null]);
    expect(cells(get(frame, 'confidence'))).toEqual([null, null, 0.9]);
    expect(cells(get(frame, 'ts'))).toEqual([1_700_000_000_000, 1_700_000_001_000, 1_700_000_002_000]);
  });

  it('moves a column to string when text follows numbers, and to float64 when a fraction appears', () => {
    const { frame } = frameFromRecords([
      { a: 1, b: 1 },
      { a: 2.5, b: 'x' },
      { a: null, b: 3 },
    ]);
    expect(get(frame, 'a').dtype).toBe('float64');
    expect(cells(get(frame, 'b'))).toEqual(['1', 'x', '3']);
  });

  it('treats NaN, +/-Infinity and missing spellings in records as missing', () => {
    const { frame } = frameFromRecords([
      { x: Number.NaN },
      { x: Number.POSITIVE_INFINITY },
      { x: 'inf' },
      { x: 4 },
    ]);
    expect((get(frame, 'x') as NumericColumn).dtype).toBe('int64');
    expect(cells(get(frame, 'x'))).toEqual([null, null, null, 4]);
  });

  it('coerces to a schema and reports missing columns', () => {
    const { frame, schemaIssues } = frameFromRecords(
      [{ features: { open: '1.5', volume: 10 } }, { features: { open: 'x', volume: 2.5 } }],
      { open: 'float64', volume: 'int64', close: 'float64' },
    );
    expect(cells(get(frame, 'open'))).toEqual([1.5, null]);
    expect(cells(get(frame, 'volume'))).toEqual([10, null]);
    expect(schemaIssues.map((s) => `${s.code}:${s.column}:${s.count ?? ''}`)).toEqual([
      'type_mismatch:open:1',
      'type_mismatch:volume:1',
      'missing_column:close:',
    ]);
  });

  it('builds an empty frame from no records', () => {
    expect(frameFromRecords([]).frame).toEqual({ rows: 0, columns: [] });
  });
});

describe('frameFromColumns', () => {
  it('takes Float64Arrays on a fast path, non-finite values becoming NaN', () => {
    const { frame } = frameFromColumns({
      x: new Float64Array([1, Number.POSITIVE_INFINITY, 3]),
      y: new Float64Array([0.5, Number.NaN, 1]),
      label: ['a', null, 'NaN'],
    });
    expect(get(frame, 'x').dtype).toBe('int64');
    expect(cells(get(frame, 'x'))).toEqual([1, null, 3]);
    expect(get(frame, 'y').dtype).toBe('float64');
    expect((get(frame, 'label') as CategoricalColumn).values).toEqual(['a', null, null]);
  });

  it('reads timestamp-named epoch columns as timestamps', () => {
    const { frame } = frameFromColumns({ ts: new Float64Array([1_700_000_000_000, 1_700_000_060_000]) });
    expect(get(frame, 'ts').kind).toBe('timestamp');
  });

  it('throws FrameError when column lengths differ', () => {
    expect(() => frameFromColumns({ a: [1, 2], b: [1] })).toThrow(FrameError);
    expect(() => frameFromColumns({ a: [1, 2], b: [1] })).toThrow(/column "b" has 1 values, expected 2/);
  });
});

describe('checkSchema', () => {
  const { frame } = frameFromColumns({
    open: [1.5, 2.5, null],
    volume: [1, 2.5, 3.5],
    close: ['1', 'x', 'y'],
    high: [1, 2, 3],
    when: ['2024-01-01', '2024-01-02', null],
  });

  it('counts cells that do not fit, across dtypes', () => {
    expect(mismatchCount(get(frame, 'volume'), 'int64')).toBe(2);
    expect(mismatchCount(get(frame, 'close'), 'float64')).toBe(2);
    expect(mismatchCount(get(frame, 'high'), 'float64')).toBe(0);
    expect(mismatchCount(get(frame, 'open'), 'string')).toBe(0);
    expect(mismatchCount(get(frame, 'when'), 'float64')).toBe(2);
    expect(mismatchCount(get(frame, 'open'), 'bool')).toBe(2);
  });

  it('reports every problem instead of raising on the first', () => {
    const issues = checkSchema(frame, {
      open: 'float64',
      high: 'float64',
      low: 'float64',
      close: 'float64',
      volume: 'int64',
    });
    expect(issues.map((s) => [s.code, s.column, s.actual, s.count])).toEqual([
      ['missing_column', 'low', undefined, undefined],
      ['type_mismatch', 'close', 'string', 2],
      ['type_mismatch', 'volume', 'float64', 2],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { bodyFormat, locateJsonError, parseBody } from '../../src/engine/parse-body.js';

describe('bodyFormat', () => {
  it.each([
    ['[]', 'application/json', 'json'],
    ['{"a":1}', 'application/json; charset=utf-8', 'json'],
    ['[1]', 'application/x-ndjson', 'ndjson'],
    ['  \n[1]', undefined, 'json'],
    ['{"a":1}', 'text/plain', 'ndjson'],
    ['{"a":1}', null, 'ndjson'],
    ['[1]', 'application/vnd.mmops+json', 'json'],
  ])('%j with %s is %s', (text, type, format) => expect(bodyFormat(text, type)).toBe(format));
});

describe('parseBody: JSON', () => {
  it('returns the items of an array', () => {
    expect(parseBody('[{"a":1},{"b":2}]', 'application/json')).toEqual({
      ok: true,
      format: 'json',
      items: [{ a: 1 }, { b: 2 }],
    });
  });

  it('strips a BOM', () => {
    expect(parseBody('\uFEFF[1]', 'application/json')).toMatchObject({ ok: true, items: [1] });
  });

  it('refuses a lone object under application/json (strict: arrays or NDJSON only)', () => {
    const r = parseBody('{"features":{}}', 'application/json');
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^expected a JSON array of records, got an object/),
    });
  });

  it('names line, column, position and record of a syntax error', () => {
    const r = parseBody('[\n{"prediction":1},\n{"prediction":}\n]', 'application/json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("invalid JSON at line 3, column 15 (position 34, record 1): Unexpected token '}'");
    expect(r.rejected).toEqual([
      { index: 1, field: '', reason: "invalid JSON at line 3, column 15: Unexpected token '}'" },
    ]);
  });

  it('locates errors V8 reports without a position, and none past the array', () => {
    expect(locateJsonError('[1, 2, tru]')).toEqual({ pos: 7, element: 2 });
    expect(locateJsonError('[{"a":"\\x"}]')).toEqual({ pos: 8, element: 0 });
    expect(locateJsonError('[1,2] x')).toEqual({ pos: 6 });
    expect(locateJsonError('')).toEqual({ pos: 0 });
    expect(locateJsonError('['.repeat(100_000))).toMatchObject({ element: 0 }); // no stack overflow escapes
  });

  it('reports an empty body', () => {
    expect(parseBody('', 'application/json')).toMatchObject({
      ok: false,
      error: expect.stringContaining('line 1, column 1'),
    });
  });
});

describe('parseBody: NDJSON', () => {
  it('parses lines, skipping blank ones and CRLF endings', () => {
    const r = parseBody('{"a":1}\r\n\n  \n{"b":2}\n', 'application/x-ndjson');
    expect(r).toEqual({
      ok: true,
      format: 'ndjson',
      items: [{ a: 1 }, { b: 2 }],
      lines: ['{"a":1}\r', '{"b":2}'],
    });
  });

  it('accepts an empty body as an empty batch', () => {
    expect(parseBody('', 'application/x-ndjson')).toEqual({
      ok: true,
      format: 'ndjson',
      items: [],
      lines: [],
    });
  });

  it('names every malformed line, with the record index it would have had', () => {
    const r = parseBody('{"a":1}\n\n{"a":\n{"b":2}\nnope\n', undefined);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/^line 3: invalid JSON: .+ \(2 malformed lines\)$/);
    expect(r.rejected?.map((x) => [x.index, x.line])).toEqual([
      [1, 3],
      [3, 5],
    ]);
    expect(r.rejected?.[1]?.reason).toBe("invalid JSON: Unexpected token 'o'");
  });

  it('gives the column when V8 knows it', () => {
    const r = parseBody('{"a":1}\n{"a":1} x', 'application/x-ndjson');
    expect(!r.ok && r.error).toBe(
      'line 2: invalid JSON: Unexpected non-whitespace character after JSON at column 9',
    );
  });

  it('caps the listed lines', () => {
    const r = parseBody('x\n'.repeat(300), 'application/x-ndjson', 10);
    expect(!r.ok && [r.rejected?.length, r.error]).toEqual([
      10,
      expect.stringContaining('(300 malformed lines)'),
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isMissingText,
  parseBoolText,
  parseIsoDate,
  parseNumberText,
} from '../../src/monitor/frame/cells.js';
import { CsvTokenizer } from '../../src/monitor/frame/csv-tokenizer.js';
import { FrameError } from '../../src/monitor/frame/errors.js';
import { parseDecimalBytes } from '../../src/monitor/frame/fast-number.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const fast = (s: string) => parseDecimalBytes(bytes(s), 0, s.length);

describe('parseDecimalBytes', () => {
  it('parses plain decimals exactly as Number() does', () => {
    for (const s of [
      '0',
      '-0',
      '+5',
      '101.25',
      '.5',
      '5.',
      '1e3',
      '1E-7',
      '-2.5e+10',
      '000123.4500',
      '0.1',
      '123456789012345',
    ]) {
      expect(Object.is(fast(s), Number(s)), s).toBe(true);
    }
  });

  it('declines what it cannot do exactly or is not a plain decimal', () => {
    for (const s of [
      '',
      '-',
      '.',
      'e5',
      '1e',
      '1.2.3',
      '0x10',
      ' 1',
      '1 ',
      'inf',
      'NaN',
      '1234567890123456',
      '1e23',
      '1e-23',
    ]) {
      expect(Number.isNaN(fast(s)), s).toBe(true);
    }
  });

  it('agrees with Number() bit for bit on generated decimals', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 17 });
    const text = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.option(digits),
        fc.option(fc.integer({ min: -30, max: 30 })),
      )
      .map(
        ([sign, int, frac, exp]) =>
          `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`,
      );
    fc.assert(
      fc.property(text, (s) => {
        const v = fast(s);
        return Number.isNaN(v) || Object.is(v, Number(s));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const v = fast(String(d));
        return Number.isNaN(v) || Object.is(v, Number(String(d)));
      }),
    );
  });
});

describe('cell parsing', () => {
  it('knows the missing spellings', () => {
    for (const s of ['', 'NaN', 'nan', 'inf', '-inf', 'Infinity', '-Infinity', 'NA', 'null', 'None', 'N/A']) {
      expect(isMissingText(s), s).toBe(true);
    }
    for (const s of ['0', 'none', 'missing', ' ']) expect(isMissingText(s), s).toBe(false);
  });

  it('rejects what Number() is too lenient about', () => {
    expect(parseNumberText(' 12.5 ')).toBe(12.5);
    for (const s of ['', '  ', '0x1f', '0b11', '0o7', '1_000', 'abc'])
      expect(Number.isNaN(parseNumberText(s)), s).toBe(true);
    expect(parseNumberText('1e400')).toBe(Number.POSITIVE_INFINITY);
  });

  it('parses ISO-8601 dates as UTC epoch ms, with zones', () => {
    expect(parseIsoDate('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parseIsoDate('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseIsoDate('2024-01-02 03:04:05.678')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseIsoDate('2024-01-02T03:04:05.123456789+02:00')).toBe(Date.UTC(2024, 0, 2, 1, 4, 5, 123));
    expect(parseIsoDate('2024-01-02T03:04-0130')).toBe(Date.UTC(2024, 0, 2, 4, 34));
    expect(parseIsoDate('0050-06-01')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
    for (const s of ['2024-02-30', '2024-13-01', '2024-1-2', '20240102', 'yesterday', '2024-01-02T25:00']) {
      expect(Number.isNaN(parseIsoDate(s)), s).toBe(true);
    }
  });

  it("reads pandas' boolean spellings", () => {
    expect(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', '1'].map(parseBoolText)).toEqual([
      'true',
      'true',
      'true',
      'false',
      'false',
      'false',
      null,
      null,
    ]);
  });
});

describe('CsvTokenizer', () => {
  function tokenize(text: string, chunk: number): string[][] {
    const rows: string[][] = [];
    const t = new CsvTokenizer('t.csv', (tok, fields) => {
      rows.push(Array.from({ length: fields }, (_, k) => tok.text(k)));
    });
    const buf = Buffer.from(text, 'utf8');
    for (let i = 0; i < buf.length; i += chunk) t.feed(buf.subarray(i, i + chunk));
    t.end();
    return rows;
  }

  it('gives the same rows whatever the chunk size', () => {
    const text = '\ufeffa,b,c\r\n1,"x,y",3\n"q""uote","multi\nline",\r\n\n€uro,"",last';
    const expected = [
      ['a', 'b', 'c'],
      ['1', 'x,y', '3'],
      ['q"uote', 'multi\nline', ''],
      ['€uro', '', 'last'],
    ];
    for (const size of [1, 2, 3, 5, 7, 64]) expect(tokenize(text, size), `chunk ${size}`).toEqual(expected);
  });

  it('tokenizes generated CSV identically in one chunk and byte by byte', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', ' ', 'é'), maxLength: 6 });
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
          const whole = tokenize(text, 1 << 20);
          expect(tokenize(text, 1)).toEqual(whole);
          expect(whole).toEqual(rows);
        },
      ),
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => tokenize('a,b\n"x"y,1\n', 100)).toThrow(FrameError);
    expect(() => tokenize('a,b\n"x"y,1\n', 100)).toThrow(
      /t\.csv:2: unexpected character after closing quote in field 1/,
    );
  });
});

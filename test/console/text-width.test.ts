/**
 * The console's remembered text width (components/text-width.ts) must be string-width's answer, always:
 * Ink lays out and clips by it. Its short way (units that stand alone, SGR codes) is checked against
 * string-width on generated text that mixes them with what must take the long way: combining marks,
 * joiners, variation selectors, emoji, CJK, Hangul jamo, other escapes.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import widestLine, { widthOf } from '../../src/console/components/text-width.js';

const range = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  range(0x20, 0x7e),
  range(0xa0, 0x2ff),
  range(0x2010, 0x2027),
  range(0x2030, 0x205e),
  range(0x2190, 0x23ff),
  range(0x2500, 0x27bf),
  range(0x2b00, 0x2bff),
  // the long way
  fc.constantFrom(
    '\u0301', // combining acute
    '\ufe0f', // VS16: ✔️ is two columns
    '\u200d', // zero-width joiner
    '\u200b', // zero-width space
    '\u00ad', // soft hyphen
    '👍🏽',
    '🇩🇪',
    '日本',
    '\u1100\u1161', // Hangul jamo, one syllable
    '\u20e3', // combining keycap
    '\t',
    '\x1b[31m',
    '\x1b[1;33m',
    '\x1b[0m',
    '\x1b[2K', // not SGR
    '\x1b]8;;http://x\x07', // OSC 8 hyperlink
    '\x1b[', // cut short
  ),
);
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

describe('text width', () => {
  it("is string-width's on generated text, short way or long", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(widthOf(s), JSON.stringify(s)).toBe(stringWidth(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('the widest line of several', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (lines) => {
        expect(widestLine(lines.join('\n'))).toBe(Math.max(...lines.map((l) => stringWidth(l))));
      }),
      { numRuns: 500 },
    );
  });

  it('the console’s own glyphs', () => {
    for (const s of ['✔ OK', '▲ WARN', '✖ CRIT', '⚠ demo', '┤━━╭╮', '…', '⏎ ⇥ ⇞⇟', '✔️', '✅'])
      expect(widthOf(s), s).toBe(stringWidth(s));
  });
});

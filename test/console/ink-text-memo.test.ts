/**
 * The console's bundle swaps Ink's text measure and wrap (whose caches grow without end) for
 * components/measure-text-memo.ts and wrap-text-memo.ts, and remembers its sanitizeAnsi
 * (sanitize-ansi-memo.ts). They must give Ink's answers, always (Ink lays out
 * and draws by them), and forget what no frame uses any more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import inkMeasureText from '../../node_modules/ink/build/measure-text.js';
import inkSanitizeAnsi from '../../node_modules/ink/build/sanitize-ansi.js';
import inkWrapText from '../../node_modules/ink/build/wrap-text.js';
import measureText from '../../src/console/components/measure-text-memo.js';
import { rememberedSanitize } from '../../src/console/components/sanitize-ansi-memo.js';
import { Memo } from '../../src/console/components/text-width.js';
import wrapText from '../../src/console/components/wrap-text-memo.js';

const piece = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc.constantFrom(
    ' ',
    '  ',
    '\n',
    '✔ OK',
    '▲',
    '┤━━',
    '…',
    '日本',
    '👍🏽',
    '\x1b[31m',
    '\x1b[1m',
    '\x1b[0m',
    '\x1b[39m',
    '\x1b[2J',
    '\x1b]8;;https://x\x07',
    '\u009b31m',
    '\x1bP1;2q\x1b\\',
  ),
);
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const wrapType = fc.constantFrom(
  'wrap',
  'truncate',
  'truncate-end',
  'truncate-middle',
  'truncate-start',
  'end',
);

describe("Ink's text measure and wrap, with a bounded memory", () => {
  it("measure the size Ink's measureText measures", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(measureText(s), JSON.stringify(s)).toEqual(inkMeasureText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("wrap and truncate as Ink's wrapText does, at any width and in every mode", () => {
    // Ink keys its cache by text + width + mode with no separator, so ('a', 12) and ('a1', 2) share an
    // entry and Ink answers the second with the first's text: the memo's key cannot collide. Cases whose
    // Ink key an earlier, different case already took are left out, as Ink's answer to them is wrong.
    const inkKeys = new Map<string, string>();
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), wrapType, (s, width, mode) => {
        const inkKey = s + String(width) + mode;
        const asked = JSON.stringify([s, width, mode]);
        fc.pre((inkKeys.get(inkKey) ?? asked) === asked);
        inkKeys.set(inkKey, asked);
        expect(wrapText(s, width, mode), JSON.stringify([s, width, mode])).toBe(inkWrapText(s, width, mode));
        // asked again (now from the memo): the same
        expect(wrapText(s, width, mode)).toBe(inkWrapText(s, width, mode));
      }),
      { numRuns: 2000 },
    );
  });

  it("sanitize as Ink's sanitizeAnsi does, asked once or again", () => {
    const sanitize = rememberedSanitize(inkSanitizeAnsi);
    fc.assert(
      fc.property(text, (s) => {
        expect(sanitize(s), JSON.stringify(s)).toBe(inkSanitizeAnsi(s));
        expect(sanitize(s)).toBe(inkSanitizeAnsi(s));
      }),
      { numRuns: 2000 },
    );
    // what it removes: a screen clear and a C1 CSI; what it keeps: colours
    expect(sanitize('\x1b[31mred\x1b[39m\x1b[2J\u009b2J')).toBe('\x1b[31mred\x1b[39m');
  });

  it('keep what the last two generations used and forget the rest', () => {
    const made: string[] = [];
    const memo = new Memo<string, string>(2, (k) => {
      made.push(k);
      return k.toUpperCase();
    });
    for (const k of ['a', 'b', 'a', 'c', 'd', 'e']) memo.get(k);
    expect(made).toEqual(['a', 'b', 'c', 'd', 'e']);
    // 'e' and 'd' are young or old; 'a' went with the third generation: made again
    expect(memo.get('d')).toBe('D');
    expect(memo.get('a')).toBe('A');
    expect(made).toEqual(['a', 'b', 'c', 'd', 'e', 'a']);
    // a maker per call
    expect(memo.get('zz', () => 'given')).toBe('given');
  });
});

/**
 * Terminal column widths of text, remembered across frames. string-width walks each grapheme through
 * Intl.Segmenter and the East Asian width tables: measuring the same lines again every frame was the
 * largest single cost of a console frame after the grid itself (a --cpu-prof of the console over the demo,
 * bench/README.md "Console"). Used by the frame grid (frame-output.ts) and, in the console's bundle, in
 * place of Ink's `widest-line` dependency (scripts/bundle-console.mjs), which Ink calls for every text node
 * of every frame.
 */
import stringWidth from 'string-width';

/**
 * A memo of two generations: a miss fills the young one; when it holds `max` entries it becomes the old
 * one and the oldest generation goes. What the last two generations used is kept (the lines of an
 * unchanged panel), what changes every refresh (a figure's line) ages out: at most 2 x max entries, so
 * memory stays flat however long the console runs.
 */
export class Memo<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(
    private readonly max: number,
    private readonly make: (k: K) => V = () => {
      throw new Error('Memo: no maker given');
    },
  ) {}
  /** The value for `k`, made by `make` (default: the constructor's) when neither generation has it. */
  get(k: K, make: (k: K) => V = this.make): V {
    let v = this.young.get(k);
    if (v !== undefined) return v;
    v = this.old.get(k) ?? make(k);
    if (this.young.size >= this.max) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
    return v;
  }
}

/**
 * A UTF-16 unit that is always a grapheme cluster of its own and never joins or changes a neighbour: no
 * combining mark, joiner, variation selector, surrogate (emoji modifiers, flags) or Hangul jamo (UAX #29's
 * rules that join characters do not apply to these ranges). Latin, punctuation, arrows, technical symbols,
 * box drawing, geometric shapes and dingbats: what the console draws.
 */
const alone = (c: number): boolean =>
  (c >= 0xa0 && c < 0x300) ||
  (c >= 0x2010 && c < 0x2028) ||
  (c >= 0x2030 && c < 0x205f) ||
  (c >= 0x2190 && c < 0x2400) ||
  (c >= 0x2500 && c < 0x27c0) ||
  (c >= 0x2b00 && c < 0x2c00);
/** string-width's answer for one such unit, asked once (it may be 0, 1 or 2: ⚠ is 1, ✅ is 2). */
const unitWidths = new Map<number, number>();

/**
 * The width of a text made only of printable ASCII, such units and SGR colour codes: the sum of its units'
 * widths, as string-width would count it, without Intl.Segmenter (whose segment objects were a sixth of the
 * console's allocation); null for anything else, which string-width measures.
 */
function simpleWidth(text: string): number | null {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) w++;
    else if (c === 0x1b) {
      // ESC [ parameters m (SGR), which string-width strips: any other escape goes the long way
      if (text.charCodeAt(i + 1) !== 0x5b) return null;
      let j = i + 2;
      for (let d = text.charCodeAt(j); (d >= 0x30 && d <= 0x39) || d === 0x3b; d = text.charCodeAt(++j));
      if (text.charCodeAt(j) !== 0x6d) return null;
      i = j;
    } else if (alone(c)) {
      let u = unitWidths.get(c);
      if (u === undefined) {
        u = stringWidth(text[i]!);
        unitWidths.set(c, u);
      }
      w += u;
    } else return null;
  }
  return w;
}

const widths = new Memo<string, number>(1024, (text) => simpleWidth(text) ?? stringWidth(text));

/** The columns `text` takes (string-width's answer). */
export const widthOf = (text: string): number => widths.get(text);

const widest = new Memo<string, number>(512, (text) => {
  let w = 0;
  for (const line of text.split('\n')) w = Math.max(w, widths.get(line));
  return w;
});

/** The columns of the widest line of `text` (widest-line's answer). */
export default function widestLine(text: string): number {
  return widest.get(text);
}

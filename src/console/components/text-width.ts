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
    private readonly make: (k: K) => V,
  ) {}
  get(k: K): V {
    let v = this.young.get(k);
    if (v !== undefined) return v;
    v = this.old.get(k) ?? this.make(k);
    if (this.young.size >= this.max) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
    return v;
  }
}

const widths = new Memo<string, number>(1024, (text) => stringWidth(text));

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

/**
 * Ink 6.8's `measureText` (build/measure-text.js: a text's widest line and its line count), with a bounded
 * memory. The console's bundle puts it in place of Ink's own (scripts/bundle-console.mjs).
 *
 * Why: Ink remembers every text it has ever measured in a Map that is never emptied. Yoga measures each
 * text whose content changed, and a console's figures, ages and clock change every refresh, so the Map
 * grew by ~60 texts a minute over the demo (heap snapshots of one console 2 minutes apart: 729 -> 868
 * entries, +30 KB of keys), without end: a console left open for a week on the host it watches would hold
 * ~100 MB of old figures. Here the memo keeps two generations (text-width.ts's Memo): what the last frames
 * drew stays, the rest ages out.
 */
import widestLine, { Memo } from './text-width.js';

/** A text's size in cells: its widest line and its number of lines. */
export interface TextSize {
  width: number;
  height: number;
}

const EMPTY: TextSize = Object.freeze({ width: 0, height: 0 });

// A 120x40 frame holds a few hundred texts: two generations of 1,024 keep every unchanged one
const sizes = new Memo<string, TextSize>(1024, (text) => ({
  width: widestLine(text),
  height: text.split('\n').length,
}));

/** Ink's measureText: the same size for the same text. */
export default function measureText(text: string): TextSize {
  return text.length === 0 ? EMPTY : sizes.get(text);
}

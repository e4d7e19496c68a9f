/** The footer's key hints and the help's lines, generated from the key table and the view table. */
import { KEY_TABLE } from '../keys/key-table.js';
import { VIEW_TABLE } from '../views/view-table.js';

/** [key, short description, long description], one per key-table row. */
export const KEYS: ReadonlyArray<readonly [string, string, string]> = KEY_TABLE.map((b) => [
  b.keys,
  b.label,
  b.help,
]);

/**
 * The footer text for `width`: every key with its word when it fits; else (80 columns) every key still
 * listed, words kept only for the ones an operator under stress looks for (? lists the rest).
 */
export function footerText(width: number): string {
  const items = KEY_TABLE.map((b) => `${b.compact} ${b.label}`);
  for (const sep of ['  ', ' ']) {
    const text = items.join(sep);
    if (text.length <= width) return text;
  }
  const bare = KEY_TABLE.filter((b) => !b.keepWord).map((b) => b.compact);
  const words = KEY_TABLE.filter((b) => b.keepWord).map((b) => `${b.compact} ${b.label}`);
  const terse = `${bare.join(' ')}  ${words.join('  ')}`;
  if (terse.length <= width) return terse;
  return KEY_TABLE.map((b) => b.compact)
    .join(' ')
    .slice(0, width);
}

/** Words of `text` in lines of at most `width` columns (a word longer than that is cut). */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > w) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.slice(0, w);
  }
  if (line) out.push(line);
  return out;
}

/** The help's key lines for `width`: each key, then its description wrapped under itself, never cut. */
export function helpKeyLines(width: number): string[] {
  const keyWidth = Math.max(...KEY_TABLE.map((b) => b.keys.length)) + 1;
  const views = `views: ${VIEW_TABLE.map((v) => `${v.key} ${v.title}`).join(', ')}`;
  const pad = ' '.repeat(2 + keyWidth);
  return [
    ...KEY_TABLE.flatMap((b) =>
      wrapWords(b.help, width - pad.length).map((l, i) =>
        i === 0 ? `  ${b.keys.padEnd(keyWidth)}${l}` : `${pad}${l}`,
      ),
    ),
    ...wrapWords(views, width - 2).map((l) => `  ${l}`),
  ];
}

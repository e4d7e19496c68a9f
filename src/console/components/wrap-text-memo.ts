/**
 * Ink 6.8's `wrapText` (build/wrap-text.js: wrap-ansi for `wrap`, cli-truncate for the `truncate*` modes),
 * with a bounded memory. The console's bundle puts it in place of Ink's own (scripts/bundle-console.mjs).
 *
 * Why: Ink keeps every text it has wrapped or truncated, with its width, in an object that is never
 * emptied, so every figure a truncated line ever showed stayed in the heap (see measure-text-memo.ts).
 * Here a memo of two generations (text-width.ts) keeps what the last frames drew and lets the rest go.
 */
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { Memo } from './text-width.js';

function wrap(text: string, maxWidth: number, wrapType: string): string {
  if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, { trim: false, hard: true });
  if (wrapType.startsWith('truncate')) {
    const position =
      wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
    return cliTruncate(text, maxWidth, { position });
  }
  return text;
}

// A 120x40 frame wraps or truncates a few hundred texts: two generations of 1,024 keep every unchanged one
const wrapped = new Memo<string, string>(1024);

/** Ink's wrapText: the same lines for the same text, width and mode (keyed apart, unlike Ink's cache). */
export default function wrapText(text: string, maxWidth: number, wrapType: string): string {
  return wrapped.get(`${maxWidth}\u0000${wrapType}\u0000${text}`, () => wrap(text, maxWidth, wrapType));
}

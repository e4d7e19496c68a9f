/**
 * string-width, remembered: the console's bundle gives it to cli-truncate (scripts/bundle-console.mjs), which
 * Ink calls to truncate every `wrap="truncate"` text it lays out, each frame; its measures through
 * Intl.Segmenter were the largest allocation left in a refresh. The same answer (text-width.ts, checked
 * against string-width by test/console/text-width.test.ts); a call with options goes to string-width.
 */
import stringWidth, { type Options } from 'string-width';
import { widthOf } from './text-width.js';

export default function stringWidthMemo(text: string, options?: Options): number {
  return options === undefined && typeof text === 'string' ? widthOf(text) : stringWidth(text, options);
}

/**
 * Pure: the keys that scroll the help while it is open (a terminal too short for every description shows
 * them a page at a time); null lets a key through (? and Esc close it, any other key closes it and acts).
 */
import type { KeyFlags } from './key-burst.js';

/** Lines to scroll by (±Infinity: to the top or the end), in a help `page` lines tall. */
export function helpScrollBy(ch: string, key: KeyFlags, page: number): number | null {
  if (key.upArrow || ch === 'k') return -1;
  if (key.downArrow || ch === 'j') return 1;
  if (key.pageUp) return -page;
  if (key.pageDown || ch === ' ') return page;
  if (key.home || ch === 'g') return Number.NEGATIVE_INFINITY;
  if (key.end || ch === 'G') return Number.POSITIVE_INFINITY;
  return null;
}

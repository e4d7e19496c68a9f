/** Pure: the keys of the alert detail pane; null lets a key through to the console's key map (a, s, 1-8). */
import type { KeyFlags } from './key-burst.js';

/** What a key does in the detail pane. */
export type DetailAction = { type: 'close' } | { type: 'runbook' } | { type: 'scroll'; by: number };

/** The action of one key press in a pane `page` lines tall. */
export function detailKeyAction(ch: string, key: KeyFlags, page: number): DetailAction | null {
  if (key.escape || ch === 'd') return { type: 'close' };
  if (key.return) return { type: 'runbook' };
  if (key.upArrow || ch === 'k') return { type: 'scroll', by: -1 };
  if (key.downArrow || ch === 'j') return { type: 'scroll', by: 1 };
  if (key.pageUp) return { type: 'scroll', by: -page };
  if (key.pageDown) return { type: 'scroll', by: page };
  if (key.home || ch === 'g') return { type: 'scroll', by: Number.NEGATIVE_INFINITY };
  if (key.end || ch === 'G') return { type: 'scroll', by: Number.POSITIVE_INFINITY };
  return null;
}

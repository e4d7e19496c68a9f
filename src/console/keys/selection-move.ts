/** Pure: moving a list selection by a key (a row, a page, to either end). */

/** How a key moves the selection. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

/** The index after `move` in a list of `count` rows of which `page` are visible; -1 stays -1 when empty. */
export function moveIndex(index: number, count: number, move: Move, page: number): number {
  if (count <= 0) return 0;
  const step = Math.max(1, page - 1);
  const next = {
    up: index - 1,
    down: index + 1,
    pageUp: index - step,
    pageDown: index + step,
    first: 0,
    last: count - 1,
  }[move];
  return Math.min(count - 1, Math.max(0, next));
}

/** Pure: the output reader's keys: scrolling, sideways, wrap, search (the reader is walk-output.ts). */
import type { KeyFlags } from '../keys/key-burst.js';
import {
  clampReader,
  type DocLine,
  findHits,
  type Hit,
  layoutRows,
  type Reader,
  type ReaderBox,
} from './walk-output.js';

/** The key fields the reader reads (the console's own key flags, key-burst.ts). */
export type ReaderKey = Pick<
  KeyFlags,
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'backspace'
  | 'delete'
  | 'ctrl'
  | 'meta'
>;

/** Scrolls so that hit `i` shows: its row a third down the page, its column inside the width. */
function showHit(r: Reader, doc: readonly DocLine[], box: ReaderBox, hits: Hit[], i: number): Reader {
  const h = hits[i]!;
  const rows = layoutRows(doc, box.width, r.wrap);
  const row = Math.max(
    0,
    rows.findLastIndex((x) => x.line === h.line && x.from <= h.col),
  );
  const left =
    r.wrap || doc[h.line]?.soft
      ? r.left
      : h.col < r.left || h.col + h.len > r.left + box.width
        ? Math.max(0, h.col - Math.floor(box.width / 3))
        : r.left;
  return clampReader({ ...r, hit: i, follow: false, top: row - Math.floor(box.height / 3), left }, doc, box);
}

/** The next hit from the top row on (or before it, `back`), wrapping around the document. */
function nextHit(
  r: Reader,
  doc: readonly DocLine[],
  box: ReaderBox,
  back: boolean,
  fromHit: boolean,
): Reader {
  const hits = findHits(doc, r.query);
  if (hits.length === 0)
    return { ...r, hit: -1, note: r.query ? `no match for ${r.query}` : 'no search: / types one' };
  let i: number;
  if (fromHit && r.hit >= 0 && r.hit < hits.length) i = (r.hit + (back ? -1 : 1) + hits.length) % hits.length;
  else {
    const rows = layoutRows(doc, box.width, r.wrap);
    const topLine = rows[r.top]?.line ?? 0;
    i = hits.findIndex((h) => h.line >= topLine);
    if (i < 0) i = 0;
  }
  const wrapped = fromHit && r.hit >= 0 && (back ? i > r.hit : i < r.hit);
  return {
    ...showHit(r, doc, box, hits, i),
    note: wrapped ? 'search wrapped' : `match ${i + 1} of ${hits.length}`,
  };
}

/** The reader after one key, or 'close' (Esc or q). */
export function readerKey(
  prev: Reader,
  ch: string,
  key: ReaderKey,
  doc: readonly DocLine[],
  box: ReaderBox,
): Reader | 'close' {
  const r = { ...clampReader(prev, doc, box), note: null };
  if (r.typing !== null) {
    if (key.escape) return { ...r, typing: null };
    if (key.backspace || key.delete) return { ...r, typing: r.typing.slice(0, -1) };
    const enter = ch.search(/[\r\n]/);
    if (key.return || enter >= 0) {
      const query = r.typing + (enter > 0 ? ch.slice(0, enter) : '');
      return nextHit({ ...r, typing: null, query, hit: -1 }, doc, box, false, false);
    }
    return ch && !key.ctrl && !key.meta ? { ...r, typing: r.typing + ch } : r;
  }
  const rows = layoutRows(doc, box.width, r.wrap).length;
  const maxTop = Math.max(0, rows - box.height);
  const page = Math.max(1, box.height - 1);
  const hstep = Math.max(8, Math.floor(box.width / 2));
  const to = (top: number): Reader => {
    const t = Math.min(Math.max(0, top), maxTop);
    return { ...r, top: t, follow: t >= maxTop };
  };
  if (key.escape || ch === 'q') return 'close';
  if (key.upArrow || ch === 'k') return to(r.top - 1);
  if (key.downArrow || ch === 'j') return to(r.top + 1);
  if (key.pageUp || ch === 'b') return to(r.top - page);
  if (key.pageDown || ch === ' ') return to(r.top + page);
  if (key.home || ch === 'g') return to(0);
  if (key.end || ch === 'G') return to(maxTop);
  if (key.leftArrow || ch === 'h') return clampReader({ ...r, left: r.left - hstep }, doc, box);
  if (key.rightArrow || ch === 'l') return clampReader({ ...r, left: r.left + hstep }, doc, box);
  if (ch === '0') return { ...r, left: 0 };
  if (ch === '$') return clampReader({ ...r, left: Number.MAX_SAFE_INTEGER }, doc, box);
  if (ch === 'w') {
    // keep the line at the top in view across the re-layout
    const line = layoutRows(doc, box.width, r.wrap)[r.top]?.line ?? 0;
    const next = { ...r, wrap: !r.wrap, left: 0 };
    const top = layoutRows(doc, box.width, next.wrap).findIndex((x) => x.line === line);
    return {
      ...clampReader({ ...next, top: Math.max(0, top) }, doc, box),
      note: next.wrap ? 'wrap on' : 'wrap off',
    };
  }
  if (ch === '/') return { ...r, typing: '' };
  if (ch === 'n') return nextHit(r, doc, box, false, true);
  if (ch === 'N') return nextHit(r, doc, box, true, true);
  return r;
}

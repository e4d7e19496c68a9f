/**
 * Pure: the full-screen reader of a step's output (`o` in the walkthrough). A document of lines, shown
 * `height` rows at a time, scrolled vertically and (wrap off) horizontally, searched with `/` and `n`/`N`,
 * wrapped with `w`, as `less -S` does; it follows the end while the output grows, until scrolled up. Its
 * keys are walk-reader-keys.ts.
 */
import { hardWrap } from './walk-text.js';

/** One line of the document; `soft` lines (guidance) always wrap at words, the others follow `w`. */
export interface DocLine {
  text: string;
  soft?: boolean;
  dim?: boolean;
  bold?: boolean;
}

/** The reader's state. */
export interface Reader {
  /** First row shown. */
  top: number;
  /** First column shown (wrap off). */
  left: number;
  wrap: boolean;
  /** Kept at the end as lines arrive (set by reaching the end, cleared by scrolling up). */
  follow: boolean;
  /** The search confirmed with Enter; '' for none. */
  query: string;
  /** The search being typed after `/`, or null. */
  typing: string | null;
  /** The current hit (an index into `findHits`), -1 for none. */
  hit: number;
  /** A word for the status line: "no match for x", "search wrapped". */
  note: string | null;
}

/** A new reader: at the end of the output, wrap off. */
export const NEW_READER: Reader = {
  top: 0,
  left: 0,
  wrap: false,
  follow: true,
  query: '',
  typing: null,
  hit: -1,
  note: null,
};

/** One row on screen: a piece of a document line from column `from`. */
export interface Row {
  line: number;
  from: number;
  text: string;
}

/** The rows of `doc` at `width`: soft lines word-wrapped, the others cut into `width` pieces when `wrap`. */
export function layoutRows(doc: readonly DocLine[], width: number, wrap: boolean): Row[] {
  const w = Math.max(1, width);
  const rows: Row[] = [];
  doc.forEach((l, line) => {
    if (l.soft) {
      let from = 0;
      for (const text of hardWrap(l.text, w)) {
        const at = l.text.indexOf(text, from);
        from = at < 0 ? from : at;
        rows.push({ line, from, text });
        from += text.length;
      }
    } else if (wrap && l.text.length > w) {
      for (let from = 0; from < l.text.length; from += w)
        rows.push({ line, from, text: l.text.slice(from, from + w) });
    } else rows.push({ line, from: 0, text: l.text });
  });
  return rows;
}

/** A match: document line, column and length. */
export interface Hit {
  line: number;
  col: number;
  len: number;
}

/** Every match of `query` in `doc`, in reading order; smart case (as less -i): lower case ignores case. */
export function findHits(doc: readonly DocLine[], query: string): Hit[] {
  if (!query) return [];
  const fold = query === query.toLowerCase();
  const q = fold ? query.toLowerCase() : query;
  const hits: Hit[] = [];
  doc.forEach((l, line) => {
    const text = fold ? l.text.toLowerCase() : l.text;
    for (let col = text.indexOf(q); col >= 0; col = text.indexOf(q, col + q.length))
      hits.push({ line, col, len: q.length });
  });
  return hits;
}

/** The reader's box: the rows it has for the document (the title and status lines are outside). */
export interface ReaderBox {
  width: number;
  height: number;
}

/** The widest line's length: how far the reader scrolls right. */
export const widest = (doc: readonly DocLine[]) =>
  doc.reduce((n, l) => (l.soft ? n : Math.max(n, l.text.length)), 0);

/** `r` with its offsets inside the document (and at the end while following). */
export function clampReader(r: Reader, doc: readonly DocLine[], box: ReaderBox): Reader {
  const rows = layoutRows(doc, box.width, r.wrap).length;
  const maxTop = Math.max(0, rows - box.height);
  const maxLeft = r.wrap ? 0 : Math.max(0, widest(doc) - box.width);
  return {
    ...r,
    top: r.follow ? maxTop : Math.min(Math.max(0, r.top), maxTop),
    left: Math.min(Math.max(0, r.left), maxLeft),
  };
}

/** A piece of a shown row: plain, a match, or the current match. */
export interface Piece {
  text: string;
  match?: 'hit' | 'current';
}

/** One shown row: its pieces, its document line's style, and whether it goes on past the right edge. */
export interface ShownRow {
  pieces: Piece[];
  dim: boolean;
  bold: boolean;
  more: boolean;
}

/** What the reader shows in `box`: the rows, and the status line's position text. */
export function readerFrame(
  prev: Reader,
  doc: readonly DocLine[],
  box: ReaderBox,
): { reader: Reader; rows: ShownRow[]; position: string } {
  const r = clampReader(prev, doc, box);
  const all = layoutRows(doc, box.width, r.wrap);
  const hits = findHits(doc, r.query);
  const shown = all.slice(r.top, r.top + box.height).map((row): ShownRow => {
    const l = doc[row.line]!;
    const from = l.soft || r.wrap ? row.from : r.left;
    const text = l.soft || r.wrap ? row.text : l.text.slice(r.left, r.left + box.width);
    const marks = new Array<Piece['match']>(text.length).fill(undefined);
    hits.forEach((h, i) => {
      if (h.line !== row.line) return;
      for (let c = h.col; c < h.col + h.len; c++)
        if (c >= from && c < from + text.length) marks[c - from] = i === r.hit ? 'current' : 'hit';
    });
    const pieces: Piece[] = [];
    for (let c = 0; c < text.length; c++) {
      const last = pieces.at(-1);
      if (last && last.match === marks[c]) last.text += text[c];
      else pieces.push({ text: text[c]!, ...(marks[c] ? { match: marks[c] } : {}) });
    }
    return {
      pieces,
      dim: l.dim ?? false,
      bold: l.bold ?? false,
      more: !l.soft && !r.wrap && l.text.length > r.left + box.width,
    };
  });
  const last = Math.min(all.length, r.top + box.height);
  const cols = r.wrap ? 'wrap' : `col ${r.left + 1}${widest(doc) > box.width ? `/${widest(doc)}` : ''}`;
  const found = r.query ? `  /${r.query} ${hits.length ? `${r.hit + 1}/${hits.length}` : 'no match'}` : '';
  const position = `rows ${all.length ? r.top + 1 : 0}-${last} of ${all.length}${r.follow ? ' (end, following)' : ''}  ${cols}${found}`;
  return { reader: r, rows: shown, position };
}

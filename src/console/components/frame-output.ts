/**
 * The frame grid Ink's renderer draws into, with memory between frames. The console's bundle puts it in
 * place of Ink 6.8's `build/output.js` (scripts/bundle-console.mjs); it takes the same calls (write, clip,
 * unclip, get) and returns the same text, which test/console/frame-output.test.ts checks against Ink's own
 * Output on generated frames.
 *
 * Why: Ink builds a new Output for every frame, so every frame tokenized each line's ANSI codes, measured
 * each character's width, allocated 4,800 cells and joined them back into strings: 61 % of the console's
 * busy time and most of its ~11 MB of garbage a refresh (bench/README.md, "Console"). From one refresh to
 * the next most lines are the same text, so here:
 * - a line's styled characters and a character's width are remembered across frames (bounded memos,
 *   text-width.ts);
 * - a row drawn from the same pieces (where each write starts on it, and its clipped, coloured line) as
 *   the last frame's row at that height is that row: its cells are not placed again;
 * - a changed row starts from one shared blank cell instead of a new object per cell, and one whose cells
 *   are the very same objects as the last frame's row reuses its string.
 *
 * The loops that run per cell or per line are indexed, not for...of: the console runs at V8's baseline tier
 * (cli/console-process.ts), which does not optimise the iterator away, and this file's for...of loops made
 * an iterator result per character drawn: 6 % of the console's allocation (a sampling heap profile over
 * 90 s of the demo, bench/README.md "Console").
 */
import {
  ansiCodesToString,
  diffAnsiCodes,
  type StyledChar,
  styledCharsFromTokens,
  tokenize,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import widestLine, { Memo, widthOf } from './text-width.js';

/** What Ink's Text passes: each line through each transformer (colours, `transform`). */
export type OutputTransformer = (s: string, index: number) => string;

/** A clip rectangle; an edge left undefined does not clip. */
export interface OutputClip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[] }
  | { type: 'clip'; clip: OutputClip }
  | { type: 'unclip' };

/**
 * A line's characters in one object shape. ansi-tokenize builds each as `{...token, styles: [...codes]}`,
 * and V8 gave every such object a hidden class of its own: harmless while Ink dropped them each frame, but
 * kept in the memo they held ~250 bytes of shape apiece and the heap grew by 1.5 MB a minute (two heap
 * snapshots of the console 2 minutes apart: 4,170 new characters, 4,170 new maps). One literal shape, and
 * the style list shared by a run of characters in the same style (styledCharsToString compares them by
 * value), keep a remembered line small.
 */
function styledLine(line: string): StyledChar[] {
  const out: StyledChar[] = [];
  let styles: StyledChar['styles'] = [];
  const chars = styledCharsFromTokens(tokenize(line));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!sameStyles(styles, c.styles)) styles = c.styles;
    out.push({ type: 'char', value: c.value, fullWidth: c.fullWidth, styles });
  }
  return out;
}

const sameStyles = (a: StyledChar['styles'], b: StyledChar['styles']): boolean =>
  a.length === b.length && a.every((x, i) => x.code === b[i]!.code && x.endCode === b[i]!.endCode);

// a 120x40 frame holds a few hundred distinct lines: two generations of 512 keep every unchanged one
const styledChars = new Memo<string, StyledChar[]>(512, styledLine);
/**
 * A line's last clipped slice: a panel's lines are clipped the same way frame after frame, and slice-ansi
 * tokenizes the whole line each time (its tokens were 2.6 % of the console's allocation).
 */
const clipSlices = new Memo<string, { from: number; to: number; text: string }>(512, () => ({
  from: -1,
  to: -1,
  text: '',
}));
const sliceClipped = (line: string, from: number, to: number): string => {
  const s = clipSlices.get(line);
  if (s.from !== from || s.to !== to) {
    s.from = from;
    s.to = to;
    s.text = sliceAnsi(line, from, to);
  }
  return s.text;
};

/** The cells after a wide character (Ink clears them), one per character object, so rows stay comparable. */
const fillers = new WeakMap<StyledChar, StyledChar>();
const filler = (c: StyledChar): StyledChar => {
  let f = fillers.get(c);
  if (!f) {
    f = { type: 'char', value: '', fullWidth: false, styles: c.styles };
    fillers.set(c, f);
  }
  return f;
};

const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: [] });

/** A printable ASCII character is one column: no lookup needed (most of the screen). */
const columnsOf = (value: string): number => {
  if (value.length === 1) {
    const c = value.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  return Math.max(1, widthOf(value));
};

/**
 * What one frame draws on one row, in drawing order: where each piece starts and its line (clipped and
 * transformed). A row's cells depend on these alone, so a row drawn from the same pieces as the last
 * frame's row at that height is that row.
 */
interface RowPieces {
  xs: number[];
  lines: string[];
}

/** A row of the last frame: what drew it, its cells and its text. */
interface Row {
  pieces: RowPieces;
  cells: StyledChar[];
  text: string;
}

/** The last frame's rows, by height, and its width. */
let lastRows: Array<Row | undefined> = [];
let lastWidth = -1;

const samePieces = (a: RowPieces, b: RowPieces): boolean => {
  if (a.xs.length !== b.xs.length) return false;
  for (let i = 0; i < a.xs.length; i++) if (a.xs[i] !== b.xs[i] || a.lines[i] !== b.lines[i]) return false;
  return true;
};

const sameCells = (a: readonly StyledChar[], b: readonly StyledChar[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** No change of style between two characters: the same list (a run of one line's characters), or none. */
const sameRun = (a: StyledChar['styles'], b: StyledChar['styles']): boolean =>
  a === b || (a.length === 0 && b.length === 0);

/**
 * A row's text, as ansi-tokenize's styledCharsToString writes it: the codes that change the style before
 * each character, and those that end it after the last. That function diffs every pair of neighbours
 * with three new Sets, even two unstyled ones (most of a row): the diff of a style with itself is empty,
 * so a run in one style is only its characters, and the rest goes through the same diff.
 */
function rowText(cells: readonly StyledChar[]): string {
  let out = '';
  let styles: StyledChar['styles'] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (!sameRun(styles, c.styles)) out += ansiCodesToString(diffAnsiCodes(styles, c.styles));
    out += c.value;
    styles = c.styles;
  }
  return styles.length === 0 ? out : out + ansiCodesToString(diffAnsiCodes(styles, []));
}

/** Ink's Output, drop-in: the same constructor, the same three drawing calls and `get()`. */
export default class FrameOutput {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: OutputTransformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: OutputClip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // first what each row is drawn from, then the cells of the rows whose pieces changed: from one refresh
    // to the next most rows are drawn from the very same pieces, and placing their cells again was the
    // larger part of this grid's time
    const pieces: RowPieces[] = [];
    for (let y = 0; y < this.height; y++) pieces.push({ xs: [], lines: [] });
    const clips: OutputClip[] = [];
    for (let i = 0; i < this.operations.length; i++) {
      const op = this.operations[i]!;
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else this.collect(pieces, op, clips.at(-1));
    }
    const same = lastWidth === this.width;
    const rows: Row[] = [];
    for (let y = 0; y < pieces.length; y++) {
      const p = pieces[y]!;
      const last = same ? lastRows[y] : undefined;
      if (last && samePieces(last.pieces, p)) {
        rows.push(last);
        continue;
      }
      const cells = this.cells(p);
      rows.push({
        pieces: p,
        cells,
        text: last && sameCells(last.cells, cells) ? last.text : rowText(cells).trimEnd(),
      });
    }
    lastRows = rows;
    lastWidth = this.width;
    return { output: rows.map((r) => r.text).join('\n'), height: pieces.length };
  }

  /** A row's cells from its pieces, placed in order as Ink places them. */
  private cells(p: RowPieces): StyledChar[] {
    const row = new Array<StyledChar>(this.width).fill(BLANK);
    for (let n = 0; n < p.xs.length; n++) {
      let at = p.xs[n]!;
      const chars = styledChars.get(p.lines[n]!);
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i]!;
        row[at] = c;
        const columns = columnsOf(c.value);
        for (let k = 1; k < columns; k++) row[at + k] = filler(c);
        at += columns;
      }
    }
    // a write past the right edge extends the row, with holes: keep only what is there (as Ink does)
    return row.length === this.width ? row : row.filter((c) => c !== undefined);
  }

  /** One write, clipped as Ink clips it (src/output.ts of Ink 6.8: the same order of steps), as pieces. */
  private collect(
    pieces: RowPieces[],
    op: Extract<Operation, { type: 'write' }>,
    clip: OutputClip | undefined,
  ): void {
    let { x, y } = op;
    let lines = op.text.split('\n');
    if (clip) {
      const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (horizontal && (x + widestLine(op.text) < clip.x1! || x > clip.x2!)) return;
      if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (horizontal) {
        const x1 = clip.x1!;
        const x2 = clip.x2!;
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          const from = x < x1 ? x1 - x : 0;
          const width = widthOf(line);
          const to = x + width > x2 ? x2 - x : width;
          lines[i] = sliceClipped(line, from, to);
        }
        if (x < x1) x = x1;
      }
      if (vertical) {
        const y1 = clip.y1!;
        const y2 = clip.y2!;
        const from = y < y1 ? y1 - y : 0;
        const to = y + lines.length > y2 ? y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < y1) y = y1;
      }
    }
    // Ink's own walk: a line without a row (above or below the frame) is skipped without moving down,
    // so a text that starts above the frame draws nothing (kept: the same frame as Ink's, to the cell)
    let down = 0;
    for (let index = 0; index < lines.length; index++) {
      const row = pieces[y + down];
      if (!row) continue;
      down++;
      let line = lines[index]!;
      for (let t = 0; t < op.transformers.length; t++) line = op.transformers[t]!(line, index);
      row.xs.push(x);
      row.lines.push(line);
    }
  }
}

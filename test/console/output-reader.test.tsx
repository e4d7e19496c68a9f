/**
 * The walkthrough's output reader: the pure model (rows, scrolling, search, wrap) as tables, then the real
 * thing: a real shell step that prints wider than the pane (iostat's %util, a JSON line), read full-screen
 * in the console at 80x24 and 120x40 through ink-testing-library.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleRunbookPort } from '../../src/cli/runbook-session.js';
import { App } from '../../src/console/app.js';
import { createDeck } from '../../src/console/runbooks/deck.js';
import { READER_KEY_TABLE } from '../../src/console/runbooks/walk-keys.js';
import { walkKeys } from '../../src/console/runbooks/walk-model.js';
import {
  type DocLine,
  findHits,
  layoutRows,
  NEW_READER,
  type Reader,
  readerFrame,
} from '../../src/console/runbooks/walk-output.js';
import { type ReaderKey, readerKey } from '../../src/console/runbooks/walk-reader-keys.js';
import { hardWrap } from '../../src/console/runbooks/walk-text.js';
import { config, fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const visible = (s: string | undefined) => (s ?? '').replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(25);
  }
}

const NO_KEY: ReaderKey = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  backspace: false,
  delete: false,
  ctrl: false,
  meta: false,
};
const K = (over: Partial<ReaderKey>) => ({ ...NO_KEY, ...over });

/** An iostat -x table: its last column, %util, starts past column 100. */
const IOSTAT_HEAD = `Device${' '.repeat(4)}${['r/s', 'w/s', 'rkB/s', 'wkB/s', 'rrqm/s', 'wrqm/s', '%rrqm', '%wrqm', 'r_await', 'w_await', 'aqu-sz', 'rareq-sz', 'wareq-sz', 'svctm'].map((c) => c.padStart(9)).join('')}  %util`;
const iostatRow = (dev: string, util: number) =>
  `${dev.padEnd(10)}${Array.from({ length: 14 }, (_, i) => (i * 1.25).toFixed(2).padStart(9)).join('')}  ${util.toFixed(2).padStart(5)}`;
const doc: DocLine[] = [
  { text: '3. Disk pressure [sh]', bold: true },
  {
    text: 'Look at the %util column: near 100 the disk is saturated and every write waits behind the others in its queue.',
    soft: true,
    dim: true,
  },
  { text: '$ iostat -x 1 1' },
  { text: IOSTAT_HEAD },
  ...Array.from({ length: 40 }, (_, i) => ({
    text: iostatRow(`sd${String.fromCharCode(97 + (i % 26))}${i}`, i === 33 ? 99.5 : i),
  })),
  {
    text: `{"model":"mm-v2","status":"degraded","accuracy":0.81,"features":[${'"f",'.repeat(30)}"g"],"note":"END"}`,
  },
];
const BOX = { width: 60, height: 10 };

describe('reader model', () => {
  it('lays out rows: wrap off one row a line, wrap on pieces of the width, guidance by words, nothing lost', () => {
    const off = layoutRows(doc, 60, false);
    expect(off.length).toBe(doc.length + 1); // the guidance (115 columns) wraps even with wrap off
    const on = layoutRows(doc, 60, true);
    expect(
      on
        .filter((r) => r.line === 3)
        .map((r) => r.text)
        .join(''),
    ).toBe(IOSTAT_HEAD);
    expect(on.every((r) => r.text.length <= 60)).toBe(true);
    // a word longer than the line goes on over lines: nothing is cut
    const text = 'see https://example.com/a/very/long/path/that/goes/on now';
    const lines = hardWrap(text, 12);
    expect(lines.every((l) => l.length <= 12)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });

  it('opens at the end and follows it; scrolling up stops following, End follows again', () => {
    const rows = layoutRows(doc, BOX.width, false).length;
    const f0 = readerFrame(NEW_READER, doc, BOX);
    expect(f0.reader.top).toBe(rows - BOX.height);
    let r = readerKey(NEW_READER, '', K({ upArrow: true }), doc, BOX) as Reader;
    expect([r.top, r.follow]).toEqual([rows - BOX.height - 1, false]);
    r = readerKey(r, '', K({ pageUp: true }), doc, BOX) as Reader;
    expect(r.top).toBe(rows - BOX.height - 1 - (BOX.height - 1));
    r = readerKey(r, '', K({ home: true }), doc, BOX) as Reader;
    expect(r.top).toBe(0);
    r = readerKey(r, '', K({ pageDown: true }), doc, BOX) as Reader;
    expect(r.top).toBe(BOX.height - 1);
    r = readerKey(r, 'G', NO_KEY, doc, BOX) as Reader;
    expect([r.top, r.follow]).toEqual([rows - BOX.height, true]);
    // more output arrives: a following reader shows the new end
    const longer = [...doc, { text: 'one more line' }];
    expect(readerFrame(r, longer, BOX).reader.top).toBe(rows + 1 - BOX.height);
    expect(readerKey(r, '', K({ escape: true }), doc, BOX)).toBe('close');
    expect(readerKey(r, 'q', NO_KEY, doc, BOX)).toBe('close');
  });

  it('scrolls sideways to the widest line and back; the rows say they go on', () => {
    const widest = Math.max(...doc.filter((l) => !l.soft).map((l) => l.text.length));
    let r = readerKey({ ...NEW_READER, follow: false }, '', K({ rightArrow: true }), doc, BOX) as Reader;
    expect(r.left).toBe(30);
    r = readerKey(r, '$', NO_KEY, doc, BOX) as Reader;
    expect(r.left).toBe(widest - BOX.width);
    r = readerKey(r, '', K({ rightArrow: true }), doc, BOX) as Reader;
    expect(r.left).toBe(widest - BOX.width);
    const text = (x: Reader) =>
      readerFrame(x, doc, BOX)
        .rows.map((row) => row.pieces.map((p) => p.text).join(''))
        .join('\n');
    expect(text({ ...r, top: 40 })).toContain('"note":"END"}');
    expect(text({ ...r, top: 2, left: IOSTAT_HEAD.length - BOX.width })).toContain('%util');
    r = readerKey(r, '0', NO_KEY, doc, BOX) as Reader;
    expect(r.left).toBe(0);
    const rows = readerFrame({ ...r, top: 3 }, doc, BOX).rows;
    expect(rows.map((x) => x.more)).toEqual([false, true, ...rows.slice(2).map(() => true)]);
  });

  it('searches with / and ⏎, n and N (wrapping around), smart case; the hit is scrolled into view', () => {
    let r = readerKey({ ...NEW_READER, follow: false }, '/', NO_KEY, doc, BOX) as Reader;
    expect(r.typing).toBe('');
    for (const c of '99.5') r = readerKey(r, c, NO_KEY, doc, BOX) as Reader;
    r = readerKey(r, '', K({ return: true }), doc, BOX) as Reader;
    expect(r.query).toBe('99.5');
    const hits = findHits(doc, '99.5');
    expect(hits).toHaveLength(1);
    const f = readerFrame(r, doc, BOX);
    const shown = f.rows.flatMap((x) => x.pieces).filter((p) => p.match === 'current');
    expect(shown.map((p) => p.text)).toEqual(['99.5']);
    expect(f.position).toContain('/99.5 1/1');
    // lower case ignores case, upper case does not
    expect(findHits(doc, 'device')).toHaveLength(1);
    expect(findHits(doc, 'DEVICE')).toHaveLength(0);
    // n walks the hits and wraps around with a word
    r = readerKey({ ...r, top: 0, typing: 'sd' }, '', K({ return: true }), doc, BOX) as Reader;
    const sd = findHits(doc, 'sd').length;
    expect(r.hit).toBe(0);
    r = readerKey(r, 'N', NO_KEY, doc, BOX) as Reader;
    expect([r.hit, r.note]).toEqual([sd - 1, 'search wrapped']);
    r = readerKey(r, 'n', NO_KEY, doc, BOX) as Reader;
    expect([r.hit, r.note]).toEqual([0, 'search wrapped']);
    r = readerKey({ ...r, typing: 'nothing here' }, '', K({ return: true }), doc, BOX) as Reader;
    expect(r.note).toBe('no match for nothing here');
    // while typing, q and ? are characters; Esc cancels the typing only
    r = readerKey({ ...r, typing: '' }, 'q', NO_KEY, doc, BOX) as Reader;
    expect(r.typing).toBe('q');
    r = readerKey(r, '', K({ escape: true }), doc, BOX) as Reader;
    expect(r.typing).toBeNull();
  });

  it('w wraps long lines and keeps the top line in view', () => {
    let r: Reader = { ...NEW_READER, follow: false, top: 5 };
    const line = layoutRows(doc, BOX.width, false)[5]!.line;
    r = readerKey(r, 'w', NO_KEY, doc, BOX) as Reader;
    expect(r.wrap).toBe(true);
    expect(layoutRows(doc, BOX.width, true)[r.top]!.line).toBe(line);
    const f = readerFrame(r, doc, BOX);
    expect(f.rows.every((x) => !x.more)).toBe(true);
    expect(f.position).toContain('wrap');
  });

  it('every key the help lists for the reader does something', () => {
    const start: Reader = { ...NEW_READER, follow: false, top: 10, left: 30 };
    const press: Record<string, [string, Partial<ReaderKey>]> = {
      '↑↓/jk': ['', { downArrow: true }],
      'PgUp/PgDn': ['', { pageUp: true }],
      'Home/End g/G': ['', { home: true }],
      '←→/hl': ['', { leftArrow: true }],
      w: ['w', {}],
      '/': ['/', {}],
      'n/N': ['n', {}],
      'Esc/q': ['', { escape: true }],
    };
    for (const b of READER_KEY_TABLE) {
      const [ch, k] = press[b.keys]!;
      expect(readerKey(start, ch, K(k), doc, BOX), b.keys).not.toEqual({ ...start, note: null });
    }
  });

  it('the footer line fits 80 columns, in the walkthrough and in the reader', () => {
    const state = { steps: [], selected: 0, reader: null } as unknown as Parameters<typeof walkKeys>[0];
    expect(walkKeys(state).length).toBeLessThanOrEqual(80);
    expect(walkKeys({ ...state, reader: NEW_READER }).length).toBeLessThanOrEqual(80);
  });
});

// A real runbook whose step prints an iostat table, a JSON line and enough lines to scroll.
const RB = `---
id: wide-output
title: Wide output
kind: daily
summary: prints wider than the pane
---

# Wide output

## Disk pressure

Look at the %util column: near 100 the disk is saturated, and every write waits behind the others in the device queue, so the model service's latency grows with it. This guidance is long on purpose, to be wrapped and never cut: the last words are THE-END-OF-GUIDANCE.

\`\`\`sh
printf '%s\\n' '${IOSTAT_HEAD}'
for i in $(seq 0 39); do printf 'sd%-8s%s  %5s\\n' "$i" '${Array.from({ length: 14 }, (_, i) => (i * 1.25).toFixed(2).padStart(9)).join('')}' "$i.00"; done
echo '{"model":"mm-v2","status":"degraded","features":[${'"f",'.repeat(30)}"g"],"note":"END"}'
\`\`\`
`;

describe('reading a step in the console', () => {
  let dir: string;
  let unmount: (() => void) | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmops-reader-'));
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'runbooks', 'wide-output.md'), RB);
  });
  afterEach(() => {
    unmount?.();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`${columns}x${rows}: o opens the output full-screen, → and $ reach %util, / finds, w wraps, Esc returns`, async () => {
      const cfg = structuredClone(config);
      cfg.runbooks.dirs = [join(dir, 'runbooks')];
      cfg.runbooks.journal_dir = join(dir, 'journal');
      const f = fixtureStore();
      await f.refresh();
      const port = consoleRunbookPort(cfg);
      const deck = createDeck(port);
      deck.start();
      const app = render(
        <App store={f.store} deck={deck} size={{ columns, rows }} color={false} now={() => NOW} />,
      );
      unmount = () => {
        app.unmount();
        deck.stop();
        port.dispose();
      };
      const frame = () => visible(app.lastFrame());
      const fits = () => {
        const lines = frame().split('\n');
        expect(lines.length).toBeLessThanOrEqual(rows - 1);
        for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      };
      await tick();
      app.stdin.write('6');
      await until('view 6', () => frame().includes('wide-output'));
      app.stdin.write('/');
      for (const c of 'wide-output\r') app.stdin.write(c);
      await until('the filter', () => frame().includes('filter: /wide-output'));
      app.stdin.write('\r');
      await until('the walkthrough', () => frame().includes('0/1 done'));
      // the pane: before the step runs its guidance wraps and shows whole; after, three lines and a pointer
      expect(frame()).toContain('THE-END-OF-GUIDANCE');
      app.stdin.write('\r');
      await until('the step to pass', () => frame().includes('✔ PASS'));
      expect(frame()).toMatch(/… \d+ more lines: o reads all/);
      expect(frame()).toContain('── output · o reads all (last ');
      expect(frame()).not.toContain('svctm'); // past the pane's edge
      fits();
      app.stdin.write('o');
      await until('the reader', () => frame().includes('(end, following)'));
      expect(frame()).toContain('{"model":"mm-v2"');
      fits();
      app.stdin.write('g');
      await until('the top', () => frame().includes('rows 1-'));
      expect(frame()).toContain('THE-END-OF-GUIDANCE');
      app.stdin.write('$');
      await until('the right edge', () => frame().includes('"note":"END"}'));
      expect(frame()).toContain('svctm');
      expect(frame()).toContain('%util');
      fits();
      app.stdin.write('0');
      await until('back left', () => !frame().includes('svctm'));
      app.stdin.write('/');
      await until('the search prompt', () => frame().includes('search: /'));
      for (const c of '39.00') app.stdin.write(c);
      app.stdin.write('\r');
      await until('the match', () => frame().includes('/39.00 1/1'));
      expect(frame()).toContain('39.00');
      app.stdin.write('w');
      await until('wrap on', () => frame().includes('wrap on'));
      app.stdin.write('g');
      await until('the top, wrapped', () => frame().includes('svctm'));
      fits();
      app.stdin.write(ESC);
      await until('the walkthrough again', () => frame().includes('o reads all'));
      expect(frame()).toContain('Wide output');
      app.stdin.write(ESC);
      await until('the walk to close', () => frame().includes('run saved:'));
    });
  }
});

/**
 * Pure: the help's lines, generated from the key tables (console, walkthrough, output reader) and the view
 * table. When every description fits the body it is shown in full; when it does not (80x24), a compact
 * form comes first that lists every key with its word, so none is out of reach, then a page of the
 * descriptions, which ↑↓ PgUp PgDn scroll (keys/help-keys.ts), and a line saying how many more there are.
 */

import { helpKeyLines, wrapWords } from '../components/keys.js';
import { KEY_TABLE } from '../keys/key-table.js';
import { STATE_TEXT } from '../panels/state.js';
import { READER_KEY_TABLE, WALK_KEY_TABLE, type WalkBinding } from '../runbooks/walk-keys.js';
import { VIEW_TABLE } from './view-table.js';

const TITLE = 'mmops console — keys (? or Esc closes)';

/** A table's rows as help lines: keys, then the description wrapped under itself. */
function tableLines(rows: readonly WalkBinding[], width: number): string[] {
  const keyWidth = Math.max(...rows.map((b) => b.keys.length)) + 1;
  const pad = ' '.repeat(2 + keyWidth);
  return rows.flatMap((b) =>
    wrapWords(b.help, width - pad.length).map((l, i) =>
      i === 0 ? `  ${b.keys.padEnd(keyWidth)}${l}` : `${pad}${l}`,
    ),
  );
}

/** `head` then every `key word` pair, flowed into lines of `width`. */
function flow(head: string, items: readonly string[], width: number): string[] {
  const out: string[] = [];
  let line = head;
  for (const it of items) {
    const next = `${line}${line.trim() ? '  ' : ''}${it}`;
    if (next.length > width && line.trim()) {
      out.push(line);
      line = `    ${it}`;
    } else line = next;
  }
  out.push(line);
  return out;
}

const para = (text: string, width: number) =>
  wrapWords(text, width - 4).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`));

/**
 * The help for a body of `width` x `height`, scrolled `offset` lines into its descriptions; never more
 * than `height` lines. `head` comes right under the title in both forms: the URLs in use (which stack this
 * console looks at, issue 12 point 7).
 */
export function helpLines(width: number, height: number, head: readonly string[] = [], offset = 0): string[] {
  const { compact, details, room } = helpParts(width, height, head);
  if (!details) return compact;
  if (room <= 1) return compact.slice(0, height);
  const top = Math.min(Math.max(0, offset), details.length - (room - 1));
  const shown = details.slice(top, top + room - 1);
  const below = details.length - top - shown.length;
  return [
    ...compact,
    ...shown,
    below > 0
      ? `  … ${below} more lines: ↓ PgDn scroll, ? or Esc closes`
      : '  (end) ↑ PgUp scroll back, ? or Esc closes',
  ];
}

/** How far the help's descriptions scroll in a body of `width` x `height`: 0 when they all fit. */
export function helpMaxOffset(width: number, height: number, head: readonly string[] = []): number {
  const { details, room } = helpParts(width, height, head);
  return details && room > 1 ? details.length - (room - 1) : 0;
}

/**
 * The help's parts: every line when they fit (`details` null), else the compact form that lists every key
 * with its word, the descriptions, and the lines left for them under the compact form.
 */
function helpParts(
  width: number,
  height: number,
  head: readonly string[],
): { compact: string[]; details: string[] | null; room: number } {
  const legend = [
    ...para(`states: ${Object.values(STATE_TEXT).join('   ')}`, width),
    ...para('routines d/w/m: ✔ done in time  ▲ due (or never run)  ✖ overdue', width),
    ...para('STALE <reason> <age>: the source is failing; the panel shows its last data', width),
  ];
  const full = [
    TITLE,
    ...head,
    '',
    ...helpKeyLines(width),
    '',
    'walkthrough (⏎ on an alert or a runbook):',
    ...tableLines(WALK_KEY_TABLE, width),
    '',
    'output reader (o in a walkthrough):',
    ...tableLines(READER_KEY_TABLE, width),
    '',
    ...legend,
  ];
  if (full.length <= height) return { compact: full, details: null, room: 0 };
  const compact = [
    TITLE,
    ...head,
    ...flow(
      'console:',
      KEY_TABLE.map((b) => `${b.keys} ${b.label}`),
      width,
    ),
    ...flow(
      'views:',
      VIEW_TABLE.map((v) => `${v.key} ${v.title}`),
      width,
    ),
    ...flow(
      'walkthrough:',
      WALK_KEY_TABLE.map((b) => `${b.keys} ${b.label}`),
      width,
    ),
    ...flow(
      'reader (o):',
      READER_KEY_TABLE.map((b) => `${b.keys} ${b.label}`),
      width,
    ),
    '',
  ];
  const details = full.slice(2 + head.length);
  const room = height - compact.length;
  if (room >= details.length) return { compact: [...compact, ...details], details: null, room: 0 };
  return { compact, details, room };
}

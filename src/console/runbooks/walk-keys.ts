/**
 * The walkthrough's keys as tables: what each does to the walk, or what the app must do (close, ask a
 * note, help), and the words the footer and the help show. While the output reader is open its own keys
 * (walk-reader-keys.ts's `readerKey`) take every key but `?`.
 */
import type { ReaderKey } from './walk-reader-keys.js';
import type { Walk, WalkState } from './walk-store.js';

/** The key fields the walkthrough reads (the reader's too). */
export type WalkKey = ReaderKey;

/** An action on the walk, one of the app's own, or null (the key does nothing here). */
export type WalkKeyAction = 'close' | 'note' | 'help' | ((w: Walk) => void) | null;

/** One row of a key table: as the help and the footer show it, and (walk keys) what it does. */
export interface WalkBinding {
  keys: string;
  /** The compact help's word. */
  label: string;
  help: string;
  match?(ch: string, key: WalkKey): WalkKeyAction;
}

/** The walkthrough's keys, in the order help lists them. */
export const WALK_KEY_TABLE: readonly WalkBinding[] = [
  {
    keys: '⏎',
    label: 'run/next',
    help: 'run the selected step (once it ran, move to the next)',
    match: (_c, k) => (k.return ? (w) => w.runOrNext() : null),
  },
  {
    keys: 'a',
    label: 'run all',
    help: 'run the remaining steps (stops at the first FAIL; a again goes on)',
    match: (ch) => (ch === 'a' ? (w) => w.runRemaining() : null),
  },
  {
    keys: 'r',
    label: 'retry',
    help: 'retry the selected step',
    match: (ch) => (ch === 'r' ? (w) => w.retry() : null),
  },
  {
    keys: 's',
    label: 'skip',
    help: 'skip the selected step',
    match: (ch) => (ch === 's' ? (w) => w.skip() : null),
  },
  { keys: 'n', label: 'note', help: 'add a note to the step', match: (ch) => (ch === 'n' ? 'note' : null) },
  {
    keys: 'o',
    label: 'read output',
    help: "read the step's guidance, command and whole output full-screen (keys below)",
    match: (ch) => (ch === 'o' ? (w) => w.openReader() : null),
  },
  {
    keys: '↑↓/jk',
    label: 'step',
    help: 'choose a step',
    match: (ch, k) =>
      k.upArrow || ch === 'k'
        ? (w) => w.select(w.getState().selected - 1)
        : k.downArrow || ch === 'j'
          ? (w) => w.select(w.getState().selected + 1)
          : null,
  },
  { keys: '?', label: 'help', help: 'help', match: (ch) => (ch === '?' ? 'help' : null) },
  {
    keys: 'Esc/q',
    label: 'close',
    help: 'close the walkthrough (a running step is stopped) and journal the run',
    match: (ch, k) => (k.escape || ch === 'q' ? 'close' : null),
  },
];

/** The output reader's keys (walk-reader-keys.ts `readerKey` does them), in the order help lists them. */
export const READER_KEY_TABLE: readonly WalkBinding[] = [
  { keys: '↑↓/jk', label: 'line', help: 'scroll a line' },
  { keys: 'PgUp/PgDn', label: 'page', help: 'scroll a page (also b / space)' },
  { keys: 'Home/End g/G', label: 'ends', help: 'first / last line (at the end it follows new output)' },
  {
    keys: '←→/hl',
    label: 'sideways',
    help: 'scroll sideways (wrap off); 0 / $ to the start / the end of the longest line',
  },
  { keys: 'w', label: 'wrap', help: 'wrap long lines on / off' },
  { keys: '/', label: 'search', help: 'search (type, then ⏎; lower case ignores case)' },
  { keys: 'n/N', label: 'next/prev', help: 'next / previous match' },
  { keys: 'Esc/q', label: 'back', help: 'back to the walkthrough' },
];

/** The reader's footer line. */
export function readerKeysText(): string {
  return '↑↓ PgUp/Dn Home/End scroll  ←→ 0 $ sideways  w wrap  / search  n/N  Esc back';
}

/** The action for a key while a walkthrough is open (`state`: the reader's keys while it is open). */
export function walkKeyAction(ch: string, key: WalkKey, state?: WalkState): WalkKeyAction {
  if (state?.reader) {
    // `?` still shows the help, except while a search is typed (where it is a character)
    if (ch === '?' && state.reader.typing === null) return 'help';
    return (w) => w.readerKey(ch, key);
  }
  for (const b of WALK_KEY_TABLE) {
    const a = b.match?.(ch, key) ?? null;
    if (a) return a;
  }
  return null;
}

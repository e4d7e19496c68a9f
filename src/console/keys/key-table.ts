/**
 * The console's keys as one table: what each does (an action, applied by the app), where it applies, and
 * the words the footer and the help show. `consoleKeyAction` is the pure key map, tested without Ink; the
 * walkthrough's own keys stay in runbooks/walk-keys.ts.
 */
import { type Selects, VIEW_TABLE } from '../views/view-table.js';
import type { KeyFlags } from './key-burst.js';
import type { Move } from './selection-move.js';

/** What a key asks the app to do. */
export type ConsoleAction =
  | { type: 'quit' }
  | { type: 'view'; index: number }
  | { type: 'cycleView'; by: 1 | -1 }
  | { type: 'help' }
  | { type: 'closeHelp' }
  | { type: 'filter' }
  | { type: 'range' }
  | { type: 'rate'; by: 1 | -1 }
  | { type: 'pause' }
  | { type: 'refresh' }
  | { type: 'fault' }
  | { type: 'move'; move: Move }
  | { type: 'open' }
  | { type: 'silence' }
  | { type: 'ack' }
  | { type: 'expire' }
  | { type: 'detail' }
  | { type: 'group' }
  | { type: 'resume' };

/** Where the app is when a key arrives. */
export interface KeyContext {
  help: boolean;
  /** What the current view's list holds. */
  selects: Selects;
  /** The views' keys, in order ('1'..'7'). */
  viewKeys: readonly string[];
}

/** One row of the table. */
export interface KeyBinding {
  /** As the help shows it. */
  keys: string;
  /** As the 80-column footer shows it: every key stays listed. */
  compact: string;
  /** The footer's word; omitted in the compact footer unless `keepWord`. */
  label: string;
  help: string;
  keepWord?: boolean;
  /** The list it acts on, when it acts only in the views that list it (keyElsewhere says so elsewhere). */
  needs?: Selects;
  /** The action for this key press here, or null when the row does not apply. */
  match(ch: string, key: KeyFlags, ctx: KeyContext): ConsoleAction | null;
}

const onList = (ctx: KeyContext) => ctx.selects !== 'none';
const moveOf = (ch: string, key: KeyFlags): Move | null =>
  key.upArrow || ch === 'k'
    ? 'up'
    : key.downArrow || ch === 'j'
      ? 'down'
      : key.pageUp
        ? 'pageUp'
        : key.pageDown
          ? 'pageDown'
          : key.home || ch === 'g'
            ? 'first'
            : key.end || ch === 'G'
              ? 'last'
              : null;

/** The table, in the order help lists it. */
export const KEY_TABLE: readonly KeyBinding[] = [
  {
    keys: `1-${VIEW_TABLE.length}`,
    compact: `1-${VIEW_TABLE.length}`,
    label: 'view',
    help: 'switch view (the header shows which)',
    match: (ch, _k, ctx) =>
      ctx.viewKeys.includes(ch) ? { type: 'view', index: ctx.viewKeys.indexOf(ch) } : null,
  },
  {
    keys: '⇥/⇧⇥',
    compact: '⇥',
    label: 'next',
    help: 'next / previous view',
    match: (_c, k) => (k.tab ? { type: 'cycleView', by: k.shift ? -1 : 1 } : null),
  },
  {
    keys: '?',
    compact: '?',
    label: 'help',
    help: 'show this help; ↑↓ PgUp PgDn scroll it when it is taller than the screen, ? or Esc close it (other keys close it and act as usual)',
    keepWord: true,
    match: (ch, k, ctx) =>
      ch === '?'
        ? { type: ctx.help ? 'closeHelp' : 'help' }
        : k.escape && ctx.help
          ? { type: 'closeHelp' }
          : null,
  },
  {
    keys: '/',
    compact: '/',
    label: 'filter',
    help: 'filter the tables (Enter keeps it, Esc clears it)',
    match: (ch) => (ch === '/' ? { type: 'filter' } : null),
  },
  {
    keys: 't',
    compact: 't',
    label: 'range',
    help: 'cycle the time range: 5m, 15m, 1h, 6h, 24h',
    match: (ch) => (ch === 't' ? { type: 'range' } : null),
  },
  {
    keys: '+/-',
    compact: '+-',
    label: 'rate',
    help: 'slower / faster refresh (1s … 60s)',
    match: (ch) =>
      ch === '+' || ch === '='
        ? { type: 'rate', by: 1 }
        : ch === '-' || ch === '_'
          ? { type: 'rate', by: -1 }
          : null,
  },
  {
    keys: 'p',
    compact: 'p',
    label: 'pause',
    help: 'pause or resume polling',
    match: (ch) => (ch === 'p' ? { type: 'pause' } : null),
  },
  {
    keys: 'r',
    compact: 'r',
    label: 'refresh',
    help: 'refresh every source now',
    match: (ch) => (ch === 'r' ? { type: 'refresh' } : null),
  },
  {
    keys: '↑↓/jk',
    compact: '↑↓jk',
    label: 'select',
    help: 'select an alert or a runbook',
    match: (ch, k, ctx) => {
      const m = onList(ctx) ? moveOf(ch, k) : null;
      return m === 'up' || m === 'down' ? { type: 'move', move: m } : null;
    },
  },
  {
    keys: 'PgUp/PgDn',
    compact: '⇞⇟',
    label: 'page',
    help: 'a page up / down in the list',
    match: (ch, k, ctx) => {
      const m = onList(ctx) ? moveOf(ch, k) : null;
      return m === 'pageUp' || m === 'pageDown' ? { type: 'move', move: m } : null;
    },
  },
  {
    keys: 'Home/End g/G',
    compact: 'gG',
    label: 'ends',
    help: 'first / last row of the list',
    match: (ch, k, ctx) => {
      const m = onList(ctx) ? moveOf(ch, k) : null;
      return m === 'first' || m === 'last' ? { type: 'move', move: m } : null;
    },
  },
  {
    keys: '⏎',
    compact: '⏎',
    label: 'runbook',
    help: "open the selected alert's runbook (in the history, the runbook of the row's alert), or the selected runbook, to walk through it; on a group, open or close it",
    keepWord: true,
    match: (_c, k, ctx) => (k.return && onList(ctx) ? { type: 'open' } : null),
  },
  {
    keys: 'd',
    compact: 'd',
    label: 'detail',
    help: "the selected alert's detail: labels, value and level, silence or inhibition, history, runs (⏎ in it opens the runbook, Esc or d closes it)",
    needs: 'alerts',
    match: (ch, _k, ctx) => (ch === 'd' && ctx.selects === 'alerts' ? { type: 'detail' } : null),
  },
  {
    keys: 'b',
    compact: 'b',
    label: 'group',
    help: "group the alerts by Alertmanager's route group_by, by one label, or not at all (cycles)",
    needs: 'alerts',
    match: (ch, _k, ctx) => (ch === 'b' && ctx.selects === 'alerts' ? { type: 'group' } : null),
  },
  {
    keys: 'R',
    compact: 'R',
    label: 'resume',
    help: "in the runbooks view: resume the selected runbook's last run from its failed or unfinished step, same params",
    needs: 'runbooks',
    match: (ch, _k, ctx) => (ch === 'R' && ctx.selects === 'runbooks' ? { type: 'resume' } : null),
  },
  {
    keys: 's',
    compact: 's',
    label: 'silence',
    help: 'silence the selected alert (asks duration and comment)',
    keepWord: true,
    needs: 'alerts',
    match: (ch, _k, ctx) => (ch === 's' && ctx.selects === 'alerts' ? { type: 'silence' } : null),
  },
  {
    keys: 'a',
    compact: 'a',
    label: 'ack',
    help: 'acknowledge the selected alert (asks a comment): a silence marked ACK! that the engine keeps while it fires',
    needs: 'alerts',
    match: (ch, _k, ctx) => (ch === 'a' && ctx.selects === 'alerts' ? { type: 'ack' } : null),
  },
  {
    keys: 'x',
    compact: 'x',
    label: 'expire',
    help: 'in the silences view: expire the selected silence or ack (asks first: y⏎)',
    needs: 'silences',
    match: (ch, _k, ctx) => (ch === 'x' && ctx.selects === 'silences' ? { type: 'expire' } : null),
  },
  {
    keys: 'f',
    compact: 'f',
    label: 'fault',
    help: 'mmops demo only: switch a fault of the demo model service on or off',
    match: (ch) => (ch === 'f' ? { type: 'fault' } : null),
  },
  {
    keys: 'q',
    compact: 'q',
    label: 'quit',
    help: 'quit (also Ctrl+C)',
    keepWord: true,
    match: (ch) => (ch === 'q' ? { type: 'quit' } : null),
  },
];

/**
 * Why a key that has an action does nothing here: it acts only in the views that list something else
 * ("x (expire) acts in 7 Silences"). Said in the footer, so a key pressed in the wrong view is not a
 * silent no-op; null for any other key.
 */
export function keyElsewhere(ch: string, ctx: KeyContext): string | null {
  const b = KEY_TABLE.find((x) => x.needs && x.keys === ch && ctx.selects !== x.needs);
  if (!b) return null;
  const views = VIEW_TABLE.filter((v) => v.selects === b.needs).map((v) => `${v.key} ${v.title}`);
  return `${ch} (${b.label}) acts in ${views.join(', ')}`;
}

/** The pure key map: the action of one key press, or null when it does nothing here. */
export function consoleKeyAction(ch: string, key: KeyFlags, ctx: KeyContext): ConsoleAction | null {
  for (const b of KEY_TABLE) {
    const a = b.match(ch, key, ctx);
    if (a) return a;
  }
  return null;
}

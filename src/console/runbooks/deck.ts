/**
 * The runbook deck: the runbooks and the journal, read through the port at start, every minute (cron and
 * other operators run routines too) and after each walkthrough. Components subscribe; nothing reads files
 * during render. Listeners hear of a reload only when it changed something (the port returns the same
 * arrays for unchanged files), so the minute's re-read does not redraw the screen.
 */
import { type JournalEntry, type Routine, type Runbook, routineStatus } from '../../runbook/index.js';
import type { PanelState } from '../panels/state.js';
import { routinesSegment } from './list-model.js';
import type { RunbookPort } from './port.js';

/** What the Runbooks view and the header read. */
export interface DeckState {
  runbooks: Runbook[];
  /** Malformed runbook files, "file:line: what is wrong". */
  errors: string[];
  entries: JournalEntry[];
  /** The journal could not be read (the runbooks still show). */
  journalError: string | null;
}

/** The deck's store. */
export interface RunbookDeck {
  getState(): DeckState;
  subscribe(listener: () => void): () => void;
  /** Reads the runbooks and the journal again. */
  reload(): void;
  start(): void;
  stop(): void;
  readonly port: RunbookPort;
}

/** How often the journal is re-read: routines change state on the scale of hours. */
const DECK_RELOAD_MS = 60_000;

/** A deck over `port`. */
export function createDeck(port: RunbookPort, reloadMs = DECK_RELOAD_MS): RunbookDeck {
  let state: DeckState = { runbooks: [], errors: [], entries: [], journalError: null };
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const read = (): DeckState => {
    let loaded: { runbooks: Runbook[]; errors: string[] };
    try {
      loaded = port.load();
    } catch (err) {
      loaded = { runbooks: state.runbooks, errors: [(err as Error).message] };
    }
    try {
      return { ...loaded, entries: port.journal(), journalError: null };
    } catch (err) {
      return { ...loaded, entries: state.entries, journalError: (err as Error).message };
    }
  };
  const reload = () => {
    const next = read();
    // the port hands back the same runbooks and entries when no file changed: nothing to redraw
    if (sameDeck(state, next)) return;
    state = next;
    for (const l of listeners) l();
  };
  return {
    port,
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    reload,
    start: () => {
      reload();
      timer ??= setInterval(reload, reloadMs);
      timer.unref?.();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

const sameDeck = (a: DeckState, b: DeckState): boolean =>
  a.runbooks === b.runbooks &&
  a.entries === b.entries &&
  a.journalError === b.journalError &&
  a.errors.length === b.errors.length &&
  a.errors.every((e, i) => e === b.errors[i]);

/** The header's routines segment from the deck at `now`; null before the deck has loaded anything. */
export function routinesOf(
  deck: DeckState | null,
  schedule: Record<Routine, string>,
  now: number,
): { text: string; state: PanelState } | null {
  if (!deck || deck.runbooks.length === 0) return null;
  return routinesSegment(routineStatus(deck.entries, schedule, now));
}

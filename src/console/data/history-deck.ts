/**
 * The History view's source: one poller (sources/poller.ts: skip while busy, back off) fetching the alert
 * history of the console's time range, as `mmops alerts history` does. Created beside the store by run.tsx
 * and handed to the app, as the silences deck is. It polls only while started (run.tsx: not paused, not
 * unfocused) and watched (the History view or an alert's detail on screen; watch-gate.ts): five requests
 * every 15 s that nothing on the Overview reads were a tenth of the console's requests (issue 16).
 */
import { createPoller, type PollerSnapshot, type Timers } from '../../sources/index.js';
import type { RunRef } from './alert-history.js';
import { derivedSource } from './derived-source.js';
import { type AlertHistory, fetchHistory, type HistoryClients } from './history-fetch.js';
import { watchGate } from './watch-gate.js';

/** What the view reads: the history, or the error when no source answered. */
export interface HistoryState {
  history: AlertHistory | null;
  error: string | null;
}

/** The deck. */
export interface HistoryDeck {
  getState(): HistoryState | null;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
  /** A view that shows the history is on screen until the returned function is called: poll meanwhile. */
  watch(): () => void;
  refreshNow(): Promise<void>;
  /** Polls every `ms` from now on (the refresh changed: side-beat.ts). */
  setInterval(ms: number): void;
}

/** Options: the clients, the range (ms, read at each fetch), the journal's runs, the clock. */
export interface HistoryDeckOptions {
  clients: HistoryClients;
  rangeMs: () => number;
  runs?: () => readonly RunRef[];
  intervalMs: number;
  now?: () => number;
  timers?: Timers;
  /** Tick on this beat (poller.ts), with the console's other pollers. */
  phaseMs?: number;
}

/** The least interval between two history fetches, ms: five requests, for a view of 15 minutes or more. */
export const HISTORY_EVERY_MS = 15_000;

/** A deck refreshed every `intervalMs`. */
export function createHistoryDeck(o: HistoryDeckOptions): HistoryDeck {
  const now = o.now ?? Date.now;
  const poller = createPoller<AlertHistory>({
    intervalMs: o.intervalMs,
    ...(o.timers ? { timers: o.timers } : {}),
    phaseMs: o.phaseMs,
    fetch: async () => {
      const to = now();
      const h = await fetchHistory(o.clients, to - o.rangeMs(), to, o.runs?.() ?? []);
      if (!h.reachable)
        return {
          ok: false,
          kind: 'unreachable',
          error: h.errors.map((e) => `${e.source}: ${e.error}`).join('; '),
        };
      return { ok: true, data: h, fetchedAt: to };
    },
  });
  const gate = watchGate({ start: () => source.start(), stop: () => source.stop() }, now);
  // the views read it through useSyncExternalStore: derived once per snapshot (derived-source.ts); a
  // history from an earlier watch is not shown (watch-gate.ts)
  const source = derivedSource(poller, (s: PollerSnapshot<AlertHistory>): HistoryState | null => {
    const history = s.data && gate.fresh(s.fetchedAt) ? s.data : null;
    return history || s.error ? { history, error: s.error?.error ?? null } : null;
  });
  return {
    getState: source.getState,
    subscribe: source.subscribe,
    start: gate.start,
    stop: gate.stop,
    watch: gate.watch,
    refreshNow: () => poller.refreshNow().then(() => undefined),
    setInterval: (ms) => poller.setInterval(ms),
  };
}

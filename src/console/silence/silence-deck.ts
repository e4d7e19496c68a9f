/**
 * The silences view's source: one poller (sources/poller.ts, k9s' skip-while-busy) over the silences of
 * Alertmanager and of the engine (both Alertmanager API v2), and expiring one. Created beside the store
 * by run.tsx and handed to the app, as the runbook deck is. It polls only while started (run.tsx: not
 * paused, not unfocused) and watched (watch-gate.ts): the app watches it while the Silences view is on
 * screen or an alert is muted (the alert lists and the detail say who silenced or acked it). Polled always,
 * two requests every 6 s fetched silences that nothing on screen showed (issue 16).
 */
import {
  type AlertmanagerClient,
  type AmSilence,
  createPoller,
  type Poller,
  type PollerSnapshot,
  type SilenceRequest,
  type Timers,
} from '../../sources/index.js';
import { derivedSource } from '../data/derived-source.js';
import { watchGate } from '../data/watch-gate.js';

/** A silence and where it lives. */
export type SilenceRow = AmSilence & { target: 'alertmanager' | 'engine' };

/** What the view reads: the silences (active and pending first) and the targets that did not answer. */
export interface SilenceState {
  rows: SilenceRow[];
  errors: string[];
}

/** The deck. */
export interface SilenceDeck {
  getState(): SilenceState | null;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
  /** Something on screen reads the silences until the returned function is called: poll meanwhile. */
  watch(): () => void;
  /** Polls every `ms` from now on (the refresh changed: data/side-beat.ts). */
  setInterval(ms: number): void;
  /** Expires the silence and refreshes; resolves to the message the footer shows. */
  expire(row: SilenceRow): Promise<string>;
  /** Creates a silence in `target` and refreshes; resolves to the message the footer shows. */
  create(target: SilenceRow['target'], req: SilenceRequest): Promise<string>;
  /** Moves the silence's end to `endsAt` (API v2 update by id) and refreshes; resolves to the message. */
  extend(row: SilenceRow, endsAt: number): Promise<string>;
}

/** The least interval between two polls of the silences, ms: they change when someone acts, not by the second. */
export const SILENCES_EVERY_MS = 5000;

/** A deck over `targets`, refreshed every `intervalMs`. */
export function createSilenceDeck(
  targets: Array<{ name: SilenceRow['target']; client: AlertmanagerClient }>,
  intervalMs: number,
  timers?: Timers,
  /** Tick on this beat (poller.ts), with the console's other pollers. */
  phaseMs?: number,
): SilenceDeck {
  const poller: Poller<SilenceState> = createPoller({
    intervalMs,
    ...(timers ? { timers } : {}),
    phaseMs,
    fetch: async () => {
      const results = await Promise.all(targets.map(async (t) => ({ t, r: await t.client.silences() })));
      const rows = results.flatMap(({ t, r }) =>
        r.ok ? r.data.filter((s) => s.state !== 'expired').map((s) => ({ ...s, target: t.name })) : [],
      );
      const errors = results.flatMap(({ t, r }) => (r.ok ? [] : [`${t.name}: ${r.error}`]));
      const firstFail = results.find(({ r }) => !r.ok)?.r;
      if (errors.length === targets.length && firstFail && !firstFail.ok) return firstFail;
      rows.sort((a, b) => a.endsAt - b.endsAt || a.id.localeCompare(b.id));
      return { ok: true, data: { rows, errors }, fetchedAt: Date.now() };
    },
  });
  // the fetch stamps its answers with Date.now(), the gate's clock
  const gate = watchGate({ start: () => source.start(), stop: () => source.stop() });
  // the views read it through useSyncExternalStore: derived once per snapshot (derived-source.ts); rows
  // from an earlier watch are not shown (watch-gate.ts)
  const source = derivedSource(poller, (s: PollerSnapshot<SilenceState>): SilenceState | null => {
    if (s.data && gate.fresh(s.fetchedAt)) return s.data;
    return s.error ? { rows: [], errors: [s.error.error] } : null;
  });
  return {
    getState: source.getState,
    subscribe: source.subscribe,
    start: gate.start,
    stop: gate.stop,
    watch: gate.watch,
    setInterval: (ms) => poller.setInterval(ms),
    async expire(row) {
      const t = targets.find((x) => x.name === row.target);
      if (!t) return `no ${row.target} to expire ${row.id} in`;
      const r = await t.client.expire(row.id);
      await poller.refreshNow();
      return r.ok
        ? `expired ${row.ack ? 'ack' : 'silence'} ${row.id} by ${row.createdBy}`
        : `expire failed: ${r.error}`;
    },
    async create(target, req) {
      const t = targets.find((x) => x.name === target);
      if (!t) return `no ${target} to silence in`;
      const r = await t.client.silence(req);
      await poller.refreshNow();
      return r.ok ? `silenced in ${target} (${r.data.silenceID})` : `silence failed: ${r.error}`;
    },
    async extend(row, endsAt) {
      const t = targets.find((x) => x.name === row.target);
      if (!t) return `no ${row.target} to extend ${row.id} in`;
      // API v2: a POST with the id updates that silence (Alertmanager may answer with a new id)
      const r = await t.client.silence({
        id: row.id,
        matchers: row.matchers,
        startsAt: new Date(row.startsAt),
        endsAt: new Date(endsAt),
        createdBy: row.createdBy,
        comment: row.comment,
      });
      await poller.refreshNow();
      return r.ok
        ? `silence ${r.data.silenceID} now ends ${new Date(endsAt).toISOString()}`
        : `extend failed: ${r.error}`;
    },
  };
}

/**
 * One poller per source, outside the components (k9s internal/model/table.go): it refreshes on a timer,
 * skips a tick while the previous refresh still runs, backs off exponentially while the source fails, and
 * pushes snapshots to listeners. The last good data is kept, marked stale, when the source fails.
 */
import type { SourceFail, SourceResult } from './result.js';
import { shareStructure } from './share.js';

/** The clock and timers a poller uses; tests pass fakes. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The real timers (unref'd: a poller never keeps the process alive by itself). */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  now: () => Date.now(),
};

/** What a poller holds: the last good data and how fresh it is. Immutable; a new object on each change. */
export interface PollerSnapshot<T> {
  data: T | null;
  /** When `data` last arrived (epoch ms). */
  fetchedAt: number | null;
  /** The latest failure; null once a request succeeds again. */
  error: SourceFail | null;
  /** Set while the source fails: why, and since when (epoch ms) it has been failing. */
  stale: { reason: string; since: number } | null;
  paused: boolean;
  intervalMs: number;
  /** Consecutive failures; the next delay is intervalMs * factor^failures, capped. */
  failures: number;
  /** Ticks skipped because a refresh was still running. */
  skipped: number;
}

/** A poller's options. */
export interface PollerOptions<T> {
  fetch: () => Promise<SourceResult<T>>;
  intervalMs: number;
  timers?: Timers;
  backoff?: { factor?: number; maxMs?: number };
  /**
   * Decides whether new data equals the old, to keep the old reference (no re-render). By default the new
   * data shares every part equal to the old (share.ts), and is the old reference when all of it is.
   */
  equals?: (a: T, b: T) => boolean;
  /**
   * Ticks on the beat: at phaseMs + k x intervalMs on the timers' clock (untilBeat), not an interval after
   * the last answer. Pollers given one phase, at one interval or multiples of it, then ask together, and
   * the process wakes once a refresh instead of once a source (issue 16). Not while backing off.
   */
  phaseMs?: number;
}

/** A running poller. */
export interface Poller<T> {
  snapshot(): PollerSnapshot<T>;
  subscribe(listener: (s: PollerSnapshot<T>) => void): () => void;
  /** Starts polling with an immediate refresh. */
  start(): void;
  stop(): void;
  /** Refreshes now unless a refresh is running; resolves when it finishes (or the running one does). */
  refreshNow(): Promise<void>;
  pause(): void;
  resume(): void;
  setInterval(ms: number): void;
  /** When the request on its way was sent (the timers' clock); null when none is. */
  busySince(): number | null;
}

/**
 * Where the beats of one process fall: a random phase in the second, so that the consoles of many desks
 * do not ask a source on the same millisecond.
 */
export const processPhaseMs = (): number => PHASE_MS;
const PHASE_MS = Math.floor(Math.random() * 1000);

/** The shortest multiple of `intervalMs` that is at least `atLeastMs`: a slower poll that keeps the beat. */
export const onBeat = (intervalMs: number, atLeastMs: number): number =>
  intervalMs * Math.max(1, Math.ceil(atLeastMs / intervalMs));

/**
 * Milliseconds from `now` to the next beat (phaseMs + k x intervalMs, epoch ms) at least half an interval
 * away: a tick a few ms late still lands its next one on the beat after, and a poll that started between
 * two beats is not followed by another at once.
 */
export function untilBeat(now: number, intervalMs: number, phaseMs: number): number {
  const since = (((now - phaseMs) % intervalMs) + intervalMs) % intervalMs;
  const next = intervalMs - since;
  return next < intervalMs / 2 ? next + intervalMs : next;
}

/** Creates a poller; call start() to begin. */
export function createPoller<T>(opts: PollerOptions<T>): Poller<T> {
  const timers = opts.timers ?? realTimers;
  const factor = opts.backoff?.factor ?? 2;
  const maxMs = opts.backoff?.maxMs ?? 60_000;
  const keep = (old: T, next: T): T =>
    opts.equals ? (opts.equals(old, next) ? old : next) : shareStructure(old, next);
  const listeners = new Set<(s: PollerSnapshot<T>) => void>();
  let snap: PollerSnapshot<T> = {
    data: null,
    fetchedAt: null,
    error: null,
    stale: null,
    paused: false,
    intervalMs: opts.intervalMs,
    failures: 0,
    skipped: 0,
  };
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let inFlightSince = 0;
  let running = false;

  const update = (patch: Partial<PollerSnapshot<T>>) => {
    snap = { ...snap, ...patch };
    for (const l of listeners) l(snap);
  };
  const delay = () =>
    snap.failures > 0
      ? Math.min(maxMs, snap.intervalMs * factor ** snap.failures)
      : opts.phaseMs === undefined
        ? snap.intervalMs
        : untilBeat(timers.now(), snap.intervalMs, opts.phaseMs);
  const disarm = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const arm = (ms: number) => {
    disarm();
    if (running && !snap.paused) timer = timers.setTimeout(tick, ms);
  };
  function tick() {
    timer = null;
    if (inFlight) {
      // k9s: never overlap requests; a slow source just loses this tick.
      snap = { ...snap, skipped: snap.skipped + 1 };
      arm(delay());
      return;
    }
    void refresh();
    arm(delay());
  }
  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    inFlightSince = timers.now();
    inFlight = (async () => {
      let r: SourceResult<T>;
      try {
        r = await opts.fetch();
      } catch (err) {
        r = { ok: false, kind: 'bad-response', error: err instanceof Error ? err.message : String(err) };
      }
      inFlight = null;
      if (r.ok) {
        const data = snap.data !== null ? keep(snap.data, r.data) : r.data;
        update({ data, fetchedAt: r.fetchedAt, error: null, stale: null, failures: 0 });
      } else {
        const reason = r.kind === 'http' && r.status ? `http ${r.status}` : r.kind;
        const since = snap.stale?.since ?? timers.now();
        update({ error: r, stale: { reason, since }, failures: snap.failures + 1 });
      }
      arm(delay());
    })();
    return inFlight;
  }

  return {
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      running = true;
      void refresh();
      arm(delay());
    },
    stop() {
      running = false;
      disarm();
    },
    refreshNow: () => refresh(),
    pause() {
      disarm();
      update({ paused: true });
    },
    resume() {
      update({ paused: false });
      if (!inFlight) void refresh();
      arm(delay());
    },
    setInterval(ms) {
      update({ intervalMs: Math.max(1, ms) });
      if (!inFlight) arm(delay());
    },
    busySince: () => (inFlight === null ? null : inFlightSince),
  };
}

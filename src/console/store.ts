/**
 * The console store: the four pollers' snapshots turned into panel models, outside React. Models are
 * recomputed only when a snapshot changes, and a model equal to the previous one keeps its reference,
 * so a panel whose data did not change never re-renders.
 */
import type { LevelBook } from '../monitor/index.js';
import {
  type AlertmanagerClient,
  type AmAlert,
  jsonEqual,
  onBeat,
  type Poller,
  type PollerSnapshot,
  realTimers,
  shareStructure,
  type Timers,
} from '../sources/index.js';
import { createCoalescer } from './coalesce.js';
import { type SourceView, sourceView } from './components/header-line.js';
import type { EngineData } from './data/engine-data.js';
import { appendReport, type ReportFigures } from './data/history.js';
import { appendHostSample, HOST_KINDS, type HostSample, sustainedUsage } from './data/host-sustained.js';
import type { PromPanelData, PromWindow } from './data/prom-queries.js';
import { panelSamples } from './data/samples.js';
import { silenceAlert } from './data/silence-alert.js';
import { FOCUS_NOTE_MS, focusNote, pollInterval } from './focus.js';
import type { MergedAlert } from './panels/alerts.js';
import {
  allFailed,
  buildPanels,
  overallState,
  type PanelErrorSink,
  type PanelModels,
} from './panels/build.js';
import { coarseAge } from './panels/format.js';
import type { HostUsage } from './panels/resources.js';
import { type PanelState, worst } from './panels/state.js';

/** The sources, by name, in header order. */
export const SOURCE_NAMES = ['prometheus', 'alertmanager', 'engine', 'host'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** The pollers the store reads; `engine` is null when no engine is configured (Prometheus alone). */
export interface ConsolePollers {
  prometheus: Poller<PromPanelData>;
  alertmanager: Poller<AmAlert[]>;
  engine: Poller<EngineData> | null;
  host: Poller<HostUsage>;
}

/** One source as the header shows it. */
export interface SourceStatus {
  fetchedAt: number | null;
  stale: { reason: string; since: number } | null;
  error: string | null;
  /** False for a source nobody configured: "not configured", never unreachable nor a blind spot. */
  configured?: boolean;
  /** How often it is polled, ms: its data is up to that old between two answers, and no news (header-line.ts). */
  everyMs?: number;
}

const NOT_CONFIGURED: SourceStatus = { fetchedAt: null, stale: null, error: null, configured: false };

/** Everything the views read. */
export interface ConsoleState {
  models: PanelModels;
  overall: PanelState;
  /** Each source's header text (state and coarse data age): a new object only when the text changes. */
  sources: Readonly<Record<SourceName, SourceView>>;
  rangeSeconds: number;
  intervalMs: number;
  paused: boolean;
  /** When the operator paused (epoch ms): the header says the figures are as of then; null when running. */
  pausedAt: number | null;
  /** The terminal reported focus out (focus.ts): the sources are polled slowly. */
  unfocused: boolean;
  /** For a few seconds after focus returns: how slowly the sources were polled meanwhile. */
  focusNote: string | null;
  /** "STALE unreachable 2m" for the metric panels and for the alerts, when their sources fail. */
  stale: { data: string | null; alerts: string | null };
}

/** The time ranges `t` cycles through, seconds. */
export const RANGES = [300, 900, 3600, 21_600, 86_400] as const;
/** The host probe's interval: every fifth refresh, at least 10 s (a multiple of the refresh: on its beat). */
export const hostIntervalMs = (intervalMs: number): number =>
  onBeat(intervalMs, Math.max(10_000, 5 * intervalMs));

/** The refresh intervals `+` and `-` step through, ms. */
export const INTERVALS = [1000, 2000, 5000, 10_000, 30_000, 60_000] as const;

/** The store. */
export interface ConsoleStore {
  getState(): ConsoleState;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
  refreshNow(): void;
  togglePause(): void;
  /** The terminal's focus reports: unfocused, the sources are polled every 30 s (focus.ts). */
  setFocused(focused: boolean): void;
  /** Steps the refresh interval: +1 slower, -1 faster. */
  stepInterval(dir: 1 | -1): void;
  cycleRange(): void;
  /** The chart width range queries are sized to (one point a column). */
  setChartWidth(columns: number): void;
  silence(alert: MergedAlert, durationMs: number, comment: string): Promise<string>;
  /** The window the next Prometheus fetch uses (read by its fetch function). */
  readonly window: PromWindow;
}

/** Store options. */
export interface StoreOptions {
  pollers: ConsolePollers;
  /** The levels the panels judge with (monitor's level book). */
  levels: LevelBook;
  /** Hears every panel that could not be built (the console appends it to its log file). */
  onPanelError?: PanelErrorSink;
  /** Each source's URL, named when it is unreachable. */
  urls?: Partial<Record<SourceName, string>>;
  alertmanager?: AlertmanagerClient;
  user?: string;
  now?: () => number;
  /** The coalescer's timers (its clock is `now`); tests pass fakes. Real, unref'd timers by default. */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  intervalMs?: number;
  /** The window the Prometheus poller reads; the store changes it on `t` and on resize. */
  window?: PromWindow;
  /** One redraw a refresh (coalesce.ts): data changes reach the listeners at most once per interval. */
  coalesce?: boolean;
}

/**
 * The staleness marks: metric panels go stale with their feeding source, alerts with any alert source. A
 * source that never answered is UNREACHABLE with its URL and reason: it has no old data to be stale.
 */
function staleness(
  src: Record<SourceName, SourceStatus>,
  now: number,
  urls: Partial<Record<SourceName, string>>,
): ConsoleState['stale'] {
  const text = (s: SourceStatus, name: SourceName) =>
    s.stale
      ? s.fetchedAt === null
        ? `UNREACHABLE ${urls[name] ?? name}: ${s.stale.reason}`
        : `STALE ${s.stale.reason} ${coarseAge(now - s.stale.since)}`
      : null;
  // Prometheus feeds the panels when it has data; the engine fills in (and is all there is without Prometheus).
  const promFeeds = src.prometheus.fetchedAt !== null;
  const data = (promFeeds ? text(src.prometheus, 'prometheus') : null) ?? text(src.engine, 'engine');
  const alerts =
    text(src.prometheus, 'prometheus') ??
    text(src.alertmanager, 'alertmanager') ??
    text(src.engine, 'engine');
  return { data, alerts };
}

/**
 * Never OK while blind: while a remote source fails (never answered, or stale), what it would say is
 * unknown, so the overall state is at least UNKNOWN. The host probe is local and does not count.
 */
function blindOverall(state: PanelState, src: Record<SourceName, SourceStatus>): PanelState {
  const blind = (['prometheus', 'alertmanager', 'engine'] as const).some((n) => src[n].stale !== null);
  return blind ? worst([state, 'unknown']) : state;
}

/** Creates the store; call start() to start the pollers. */
export function createConsoleStore(opts: StoreOptions): ConsoleStore {
  const now = opts.now ?? Date.now;
  const p = opts.pollers;
  const window: PromWindow = opts.window ?? { rangeSeconds: 900, chartWidth: 60 };
  const listeners = new Set<() => void>();
  let history: readonly ReportFigures[] = [];
  let hostHistory: readonly HostSample[] = [];
  const L = opts.levels;
  const hostForMs = {
    cpu: L.cpu.forSeconds,
    memory: L.memory.forSeconds,
    disk: L.disk.forSeconds,
    gpu: L.gpu.forSeconds,
  };
  for (const k of HOST_KINDS) hostForMs[k] *= 1000;
  const hostKeepMs = Math.max(...Object.values(hostForMs));
  /** This host's latest probe, with the values to judge: the mildest of the last `for` (as the alerts). */
  const hostJudged = (t: number): HostUsage | null => {
    const latest = p.host.snapshot().data;
    return latest ? { ...latest, judged: sustainedUsage(hostHistory, t, hostForMs) } : null;
  };
  let intervalMs = opts.intervalMs ?? 2000;
  // paused exactly when it has a time: one variable, so the two cannot disagree
  let pausedAt: number | null = null;
  let unfocusedSince: number | null = null;
  let note: { text: string; timer: unknown } | null = null;
  const timers = { ...realTimers, ...opts.timers, now };
  let state = compute(null);

  function sourceStatus(s: PollerSnapshot<unknown>): SourceStatus {
    return { fetchedAt: s.fetchedAt, stale: s.stale, error: s.error?.error ?? null, everyMs: s.intervalMs };
  }
  function compute(prev: ConsoleState | null): ConsoleState {
    const engine = p.engine?.snapshot().data;
    if (engine?.report) history = appendReport(history, engine.report);
    let models: PanelModels;
    try {
      models = buildPanels(
        panelSamples({
          prom: p.prometheus.snapshot().data,
          report: engine?.report ?? null,
          history,
          amAlerts: p.alertmanager.snapshot().data,
          engineAlerts: engine?.alerts ?? null,
          engineConfigured: p.engine !== null,
          host: hostJudged(now()),
          now: now(),
          rangeSeconds: window.rangeSeconds,
        }),
        opts.levels,
        opts.onPanelError,
      );
    } catch (err) {
      // The samples could not be read: every panel shows the error (never the last good figures)
      opts.onPanelError?.('alerts', err);
      models = allFailed(err);
    }
    if (prev) {
      // each model shares what did not change with the last one (a chart's series keep their identity
      // between two points, so its lines are not drawn again: chart.tsx)
      for (const k of Object.keys(models) as Array<keyof PanelModels>)
        (models as unknown as Record<string, unknown>)[k] = shareStructure(prev.models[k], models[k]);
      if (
        Object.keys(models).every(
          (k) => models[k as keyof PanelModels] === prev.models[k as keyof PanelModels],
        )
      ) {
        models = prev.models;
      }
    }
    const sources = Object.fromEntries(
      SOURCE_NAMES.map((n) => {
        const poller = p[n];
        return [n, poller ? sourceStatus(poller.snapshot()) : NOT_CONFIGURED];
      }),
    ) as Record<SourceName, SourceStatus>;
    const t = now();
    const stale = staleness(sources, t, opts.urls ?? {});
    const views = Object.fromEntries(SOURCE_NAMES.map((n) => [n, sourceView(n, sources[n], t)])) as Record<
      SourceName,
      SourceView
    >;
    const next: ConsoleState = {
      models,
      overall: blindOverall(overallState(models), sources),
      sources: prev && jsonEqual(prev.sources, views) ? prev.sources : views,
      rangeSeconds: window.rangeSeconds,
      intervalMs,
      paused: pausedAt !== null,
      pausedAt,
      unfocused: unfocusedSince !== null,
      focusNote: note?.text ?? null,
      stale: prev && jsonEqual(prev.stale, stale) ? prev.stale : stale,
    };
    if (prev && (Object.keys(next) as Array<keyof ConsoleState>).every((k) => next[k] === prev[k]))
      return prev;
    return next;
  }
  // The state is computed when it is read or shown, not on every poller answer: with `coalesce` the four
  // answers of a refresh cost one computation and one frame.
  let dirty = false;
  let shown = state; // what the listeners last heard of
  const current = () => {
    if (dirty) {
      dirty = false;
      state = compute(state);
    }
    return state;
  };
  const coalescer = createCoalescer({
    timers,
    intervalMs: () => pollInterval(intervalMs, unfocusedSince !== null),
    // until every source has answered once, each answer shows at once (the first frames fill in fast)
    settled: () =>
      all().every((poller) => {
        const s = poller.snapshot();
        return s.fetchedAt !== null || s.error !== null;
      }),
    // the sources tick on one beat (pollersFor): a refresh's answers show together, with the last
    busy: (withinMs) => {
      const t = now();
      return all().some((poller) => {
        const since = poller.busySince();
        return since !== null && t - since < withinMs;
      });
    },
    notify: () => {
      if (current() === shown) return;
      shown = state;
      for (const l of listeners) l();
    },
    enabled: opts.coalesce ?? false,
  });
  const recompute = (urgent = false) => {
    dirty = true;
    coalescer.change(urgent);
  };
  const flush = () => coalescer.flush();
  const applyInterval = () => {
    const ms = pollInterval(intervalMs, unfocusedSince !== null);
    p.prometheus.setInterval(ms);
    p.alertmanager.setInterval(ms);
    p.engine?.setInterval(ms);
    p.host.setInterval(hostIntervalMs(ms)); // as pollersFor: the host less often
  };
  const dropNote = () => {
    if (note) timers.clearTimeout(note.timer);
    note = null;
  };
  const all = () =>
    SOURCE_NAMES.map((n) => p[n]).filter((x): x is NonNullable<typeof x> => x !== null) as Array<
      Poller<unknown>
    >;
  for (const poller of all()) poller.subscribe(() => recompute());
  // every evaluation joins the history as it arrives, even when two arrive between computations
  p.host.subscribe((s) => {
    if (s.data && s.fetchedAt !== null && hostHistory.at(-1)?.at !== s.fetchedAt)
      hostHistory = appendHostSample(hostHistory, { at: s.fetchedAt, usage: s.data }, hostKeepMs);
  });
  p.engine?.subscribe((s) => {
    if (s.data?.report) history = appendReport(history, s.data.report);
  });

  return {
    window,
    getState: current,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    start: () => {
      for (const x of all()) x.start();
    },
    stop: () => {
      for (const x of all()) x.stop();
      coalescer.cancel();
      dropNote();
    },
    refreshNow: () => {
      void Promise.all(all().map((x) => x.refreshNow())).then(flush);
    },
    togglePause() {
      pausedAt = pausedAt === null ? now() : null;
      for (const x of all()) pausedAt !== null ? x.pause() : x.resume();
      recompute(true);
    },
    stepInterval(dir) {
      const i = INTERVALS.findIndex((v) => v >= intervalMs);
      const next =
        INTERVALS[Math.min(INTERVALS.length - 1, Math.max(0, (i < 0 ? INTERVALS.length - 1 : i) + dir))]!;
      intervalMs = next;
      applyInterval();
      recompute(true);
    },
    setFocused(focused) {
      if (focused === (unfocusedSince === null)) return;
      dropNote();
      if (!focused) {
        unfocusedSince = now();
        applyInterval();
        return recompute(true);
      }
      const text = focusNote(now() - unfocusedSince!, intervalMs);
      unfocusedSince = null;
      if (text) {
        note = {
          text,
          timer: timers.setTimeout(() => {
            note = null;
            recompute(true);
          }, FOCUS_NOTE_MS),
        };
      }
      applyInterval();
      recompute(true);
      // what the operator now looks at is fresh, not up to 30 s old
      if (pausedAt === null) void Promise.all(all().map((x) => x.refreshNow())).then(flush);
    },
    cycleRange() {
      const i = (RANGES as readonly number[]).indexOf(window.rangeSeconds);
      window.rangeSeconds = RANGES[(i + 1) % RANGES.length]!;
      recompute(true);
      void p.prometheus.refreshNow().then(flush);
    },
    setChartWidth(columns) {
      if (columns === window.chartWidth) return;
      window.chartWidth = columns;
      void p.prometheus.refreshNow().then(flush);
    },
    async silence(alert, durationMs, comment) {
      if (!opts.alertmanager) return 'no Alertmanager configured';
      const user = opts.user ?? 'mmops';
      const line = await silenceAlert(opts.alertmanager, alert, { durationMs, comment, user, now: now() });
      void p.alertmanager.refreshNow();
      return line;
    },
  };
}

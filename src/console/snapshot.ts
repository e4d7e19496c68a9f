/** One-shot collection for `mmops status` and `mmops alerts`: every source once, the same panel models. */
import type { Config } from '../config/index.js';
import type { LevelBook } from '../monitor/index.js';
import type { SourceErrorKind, SourceResult } from '../sources/index.js';
import { type EngineData, fetchEngine } from './data/engine-data.js';
import { figuresOf } from './data/history.js';
import { consoleMetricNames } from './data/metric-names.js';
import { fetchPromPanels, holdSecondsOf } from './data/prom-queries.js';
import { panelSamples } from './data/samples.js';
import { type MergedAlert, toAlertsModel } from './panels/alerts.js';
import { buildPanels, overallState, type PanelModels } from './panels/build.js';
import { type PanelState, worst } from './panels/state.js';
import { type ConsoleClients, clientsFor } from './sources.js';

/** How one source answered; a source nobody configured (no engine beside Prometheus) is not asked. */
export interface SourceCheck {
  url: string | null;
  /** False when nobody configured it: it decides no exit code and makes nothing UNKNOWN. */
  configured: boolean;
  ok: boolean;
  /** 'ok', 'not-configured', or the kind of failure. */
  state: 'ok' | 'not-configured' | SourceErrorKind;
  error?: string;
  kind?: SourceErrorKind;
}

/** What `mmops status` reports. */
export interface StatusSnapshot {
  at: number;
  overall: PanelState;
  sources: Record<'prometheus' | 'alertmanager' | 'engine', SourceCheck>;
  models: PanelModels;
}

const check = (url: string, r: SourceResult<unknown>): SourceCheck =>
  r.ok
    ? { url, configured: true, ok: true, state: 'ok' }
    : { url, configured: true, ok: false, state: r.kind, error: r.error, kind: r.kind };

/** The engine's check: "not configured" when no engine is (Prometheus alone), else how it answered. */
const engineCheck = (c: ConsoleClients, r: SourceResult<unknown> | null): SourceCheck =>
  c.engine && r
    ? check(c.engine.url, r)
    : { url: null, configured: false, ok: false, state: 'not-configured' };

/** True when a source could not be reached, or answered with something that is not its API (exit code 3). */
export function anyUnreachable(s: Record<string, SourceCheck>): boolean {
  return Object.values(s).some(
    (c) => !c.ok && (c.kind === 'unreachable' || c.kind === 'timeout' || c.kind === 'bad-response'),
  );
}

/**
 * Never OK while blind: with a source that did not answer, what it would have said is unknown, so the
 * overall state is at least UNKNOWN (a known warning or critical still shows as such).
 */
export function blindState(state: PanelState, sources: Record<string, SourceCheck>): PanelState {
  return Object.values(sources).some((c) => c.configured && !c.ok) ? worst([state, 'unknown']) : state;
}

/** Polls every source once and builds the panels; `rangeSeconds` sizes the trend queries. */
export async function collectStatus(
  config: Config,
  levels: LevelBook,
  opts: { clients?: ConsoleClients; now?: number; rangeSeconds?: number } = {},
): Promise<StatusSnapshot> {
  const c = opts.clients ?? clientsFor(config);
  const now = opts.now ?? Date.now();
  const win = {
    rangeSeconds: opts.rangeSeconds ?? 900,
    chartWidth: 60,
    rateWindow: config.alerting.rate_window,
    holdSeconds: holdSecondsOf(levels),
  };
  const [prom, am, engine] = await Promise.all([
    fetchPromPanels(c.prometheus, consoleMetricNames(config.metrics.prefix), win, now),
    c.alertmanager.alerts(),
    c.engine ? fetchEngine(c.engine) : null,
  ]);
  const e: EngineData | null = engine?.ok ? engine.data : null;
  const models = buildPanels(
    panelSamples({
      prom: prom.ok ? prom.data : null,
      report: e?.report ?? null,
      history: e?.report ? [figuresOf(e.report)] : [],
      amAlerts: am.ok ? am.data : null,
      engineAlerts: e?.alerts ?? null,
      engineConfigured: c.engine !== null,
      host: null,
      now,
      rangeSeconds: win.rangeSeconds,
    }),
    levels,
  );
  const sources = {
    prometheus: check(c.prometheus.url, prom),
    alertmanager: check(c.alertmanager.url, am),
    engine: engineCheck(c, engine),
  };
  return { at: now, overall: blindState(overallState(models), sources), sources, models };
}

/** What `mmops alerts` reports: the merged alerts of the three sources. */
export interface AlertsSnapshot {
  at: number;
  state: PanelState;
  sources: StatusSnapshot['sources'];
  alerts: MergedAlert[];
}

/** Polls the three alert sources once. */
export async function collectAlerts(
  config: Config,
  opts: { clients?: ConsoleClients; now?: number } = {},
): Promise<AlertsSnapshot> {
  const c = opts.clients ?? clientsFor(config);
  const now = opts.now ?? Date.now();
  const [prom, am, engine] = await Promise.all([
    c.prometheus.alerts(),
    c.alertmanager.alerts(),
    c.engine ? c.engine.alerts() : null,
  ]);
  const model = toAlertsModel({
    prometheus: prom.ok ? prom.data : null,
    alertmanager: am.ok ? am.data : null,
    engine: engine?.ok ? engine.data.alerts : null,
    now,
  });
  const sources = {
    prometheus: check(c.prometheus.url, prom),
    alertmanager: check(c.alertmanager.url, am),
    engine: engineCheck(c, engine),
  };
  return { at: now, state: blindState(model.state, sources), sources, alerts: model.alerts };
}

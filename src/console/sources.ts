/** Builds the clients and the one-poller-per-source set from the config (shared by the console and status). */
import type { Config } from '../config/index.js';
import {
  type AlertmanagerClient,
  createAlertmanagerClient,
  createEngineClient,
  createPoller,
  createPrometheusClient,
  type EngineClient,
  jsonEqual,
  type PrometheusClient,
  processPhaseMs,
} from '../sources/index.js';
import { type EngineData, fetchEngine } from './data/engine-data.js';
import { probeHost } from './data/host-probe.js';
import { consoleMetricNames } from './data/metric-names.js';
import {
  fetchPromPanels,
  type PromFetchCache,
  type PromPanelData,
  type PromWindow,
} from './data/prom-queries.js';
import { type ConsolePollers, hostIntervalMs } from './store.js';

/** The three HTTP clients; `engine` is null when no engine is configured (Prometheus alone). */
export interface ConsoleClients {
  prometheus: PrometheusClient;
  alertmanager: AlertmanagerClient;
  engine: EngineClient | null;
}

/** Clients for the configured URLs, with the configured per-request timeout and answer size limit. */
export function clientsFor(config: Pick<Config, 'sources'>): ConsoleClients {
  const timeoutMs = config.sources.timeout_seconds * 1000;
  const maxBytes = config.sources.max_response_bytes;
  return {
    prometheus: createPrometheusClient({ url: config.sources.prometheus_url, timeoutMs, maxBytes }),
    alertmanager: createAlertmanagerClient({ url: config.sources.alertmanager_url, timeoutMs, maxBytes }),
    engine:
      config.sources.engine_url === null
        ? null
        : createEngineClient({ url: config.sources.engine_url, timeoutMs, maxBytes }),
  };
}

/** One Prometheus poll: every panel query for the window. */
export function promFetcher(c: ConsoleClients, config: Pick<Config, 'metrics'>, win: PromWindow) {
  const names = consoleMetricNames(config.metrics.prefix);
  const cache: PromFetchCache = { last: null };
  return () => fetchPromPanels(c.prometheus, names, win, Date.now(), cache);
}

/**
 * The pollers (not started). The host is probed less often: systeminformation spawns df. No engine
 * configured: no engine poller, and the header says "not configured".
 */
export function pollersFor(
  c: ConsoleClients,
  config: Pick<Config, 'metrics'>,
  win: PromWindow,
  intervalMs: number,
  phaseMs: number = processPhaseMs(),
): ConsolePollers {
  // one beat for all (poller.ts): the process wakes once a refresh, not once a source. Each answer kept
  // whole or replaced whole (jsonEqual): the store shares the panel models built from it (store.ts)
  const o = { intervalMs, backoff: { factor: 2, maxMs: 60_000 }, phaseMs, equals: jsonEqual };
  const engineAsk = { apartFor: 0 };
  return {
    prometheus: createPoller<PromPanelData>({ ...o, fetch: promFetcher(c, config, win) }),
    alertmanager: createPoller({ ...o, fetch: () => c.alertmanager.alerts() }),
    engine: c.engine
      ? createPoller<EngineData>({ ...o, fetch: () => fetchEngine(c.engine!, engineAsk) })
      : null,
    host: createPoller({ ...o, fetch: probeHost, intervalMs: hostIntervalMs(intervalMs) }),
  };
}

/** A console store over fixture data: real pollers whose fetch returns the fixtures (or fails on demand). */
import { loadConfig } from '../../src/config/index.js';
import type { EngineData } from '../../src/console/data/engine-data.js';
import type { PromPanelData } from '../../src/console/data/prom-queries.js';
import type { HostUsage } from '../../src/console/panels/resources.js';
import { createConsoleStore } from '../../src/console/store.js';
import { levelBook } from '../../src/monitor/index.js';
import {
  type AlertmanagerClient,
  type AmAlert,
  createPoller,
  type EngineHealthDoc,
  type EngineReportDoc,
  parseEngineAlerts,
  type SourceResult,
} from '../../src/sources/index.js';
import { fixture } from '../sources/fixture-servers.js';

export const { config } = loadConfig({ env: {}, home: '/nonexistent' });
export const NOW = Date.parse('2025-01-01T00:01:00Z');

const ok = <T>(data: T): SourceResult<T> => ({ ok: true, data, fetchedAt: NOW });
const down: SourceResult<never> = { ok: false, kind: 'unreachable', error: 'connect ECONNREFUSED' };

/** Fixture answers; set `fail.engine = true` to make the engine unreachable from the next refresh on. */
export function fixtureStore(
  opts: {
    prom?: PromPanelData | null;
    amAlerts?: AmAlert[];
    /** The store's clock and timers (fake-clock.ts); NOW and real timers otherwise. */
    clock?: {
      now(): number;
      setTimeout(fn: () => void, ms: number): unknown;
      clearTimeout(h: unknown): void;
    };
  } = {},
) {
  const fail = { engine: false, prometheus: opts.prom === undefined || opts.prom === null };
  const silences: unknown[] = [];
  const engineData: EngineData = {
    report: fixture('engine-report.json') as EngineReportDoc,
    alerts: parseEngineAlerts(fixture('engine-alerts.json'))!.alerts,
    health: fixture('engine-health.json') as EngineHealthDoc,
  };
  const host: HostUsage = { host: 'box (here)', cpu: 0.12, memory: 0.5, disk: 0.3, gpu: null };
  const am: AlertmanagerClient = {
    url: 'http://am',
    alerts: async () => ok(opts.amAlerts ?? []),
    silence: async (req) => {
      silences.push(req);
      return ok({ silenceID: 'sil-1' });
    },
    silences: async () => ok([]),
    expire: async (id) => ok({ id }),
    configYaml: async () => ok(''),
  };
  const never = { setTimeout: () => 0, clearTimeout: () => {}, now: () => NOW };
  const pollers = {
    prometheus: createPoller<PromPanelData>({
      fetch: async () => (fail.prometheus || !opts.prom ? down : ok(opts.prom)),
      intervalMs: 2000,
      timers: never,
    }),
    alertmanager: createPoller<AmAlert[]>({ fetch: () => am.alerts(), intervalMs: 2000, timers: never }),
    engine: createPoller<EngineData>({
      fetch: async () => (fail.engine ? down : ok(engineData)),
      intervalMs: 2000,
      timers: never,
    }),
    host: createPoller<HostUsage>({ fetch: async () => ok(host), intervalMs: 2000, timers: never }),
  };
  const store = createConsoleStore({
    pollers,
    levels: levelBook(config),
    alertmanager: am,
    user: 'tester',
    now: opts.clock?.now ?? (() => NOW),
    ...(opts.clock ? { timers: opts.clock } : {}),
  });
  const refresh = async () => {
    await Promise.all(Object.values(pollers).map((p) => p.refreshNow()));
  };
  return { store, pollers, fail, silences, refresh };
}

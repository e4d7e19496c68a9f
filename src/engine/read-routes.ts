/** The read side of the HTTP API: report, alerts, health and metrics. Open to scrapers, no token. */
import type { FastifyInstance } from 'fastify';
import type { AlertState, Dispatcher, HistoryEntry } from '../alerting/index.js';
import { type Config, parseDuration } from '../config/index.js';
import { type AlertChecker, alertLabels } from './alert-checker.js';
import { modelServiceChecks } from './dependency-probe.js';
import { engineHealth } from './engine-health.js';
import type { Evaluator } from './evaluator.js';
import type { EventLog } from './event-log/index.js';
import type { Ingest } from './ingest.js';
import type { EngineMetrics } from './metrics/index.js';
import type { StoreStatus } from './store/index.js';

/** What the read routes need. */
export interface ReadDeps {
  config: Config;
  evaluator: Evaluator;
  alerts: AlertChecker;
  dispatcher: Dispatcher;
  metrics: EngineMetrics;
  ingest: Ingest;
  log: EventLog;
  clock: () => number;
  startedAt: number;
  /** The prediction store's status, when one is configured. */
  storeStatus?: () => StoreStatus;
  /** The engine's own silences: GET /alerts lists the ids muting each alert (silencedBy). */
  silences?: { mutedBy(labels: Readonly<Record<string, string>>): string[] };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** How many history entries GET /alerts returns, newest first. */
const HISTORY_SHOWN = 200;

/** One alert as GET /alerts shows it. */
export function alertView(a: AlertState) {
  return {
    name: a.name,
    state: a.state,
    severity: a.severity,
    since: iso(a.activeAt),
    firedAt: iso(a.firedAt),
    resolvedAt: iso(a.resolvedAt),
    value: a.value,
    labels: alertLabels(a),
    annotations: a.annotations,
  };
}

const historyView = (h: HistoryEntry) => ({ ...h, at: iso(h.ts) });

/** Registers GET /, /api/v1/report, /alerts, /health and /metrics. */
export function registerReadRoutes(app: FastifyInstance, deps: ReadDeps): void {
  app.get('/', async () => ({
    service: 'mmops engine',
    endpoints: [
      'POST /api/v1/predictions',
      'POST /api/v1/actuals',
      'PUT /api/v1/reference',
      'GET /api/v1/report[?include=alerts]',
      'GET|PUT|DELETE /api/v1/baseline',
      'GET /alerts',
      'GET /api/v2/alerts',
      'GET /api/v2/silences',
      'POST /api/v2/silences',
      'DELETE /api/v2/silence/{id}',
      'GET /health',
      'GET /metrics',
    ],
  }));
  // The alerts in the order GET /alerts lists them: firing, pending, resolved; by name within each.
  const alertList = () => {
    const order = { firing: 0, pending: 1, resolved: 2, inactive: 3 } as const;
    return deps.alerts
      .alerts()
      .sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name))
      .map((a) => ({ ...alertView(a), silencedBy: deps.silences?.mutedBy(alertLabels(a)) ?? [] }));
  };
  // `?include=alerts` adds GET /alerts' list (not its history) to the report: the console asks for both
  // every refresh, and one request a refresh instead of two is a fifth of its requests (bench/README.md,
  // "Console"). An engine without this ignores the parameter, and the console then asks /alerts too.
  app.get<{ Querystring: { include?: string | string[] } }>('/api/v1/report', async (req, reply) => {
    const latest = deps.evaluator.latest();
    if (latest === null) return reply.code(503).send({ error: 'no evaluation yet; try again in a moment' });
    // `include=a,b` or `include=a&include=b` (Fastify gives the second as an array)
    const include = [req.query.include ?? []].flat().flatMap((v) => v.split(',').map((x) => x.trim()));
    return include.includes('alerts') ? { ...latest.report, alerts: alertList() } : latest.report;
  });
  app.get('/alerts', async () => {
    const alerts = alertList();
    const history = deps.alerts.history().slice(-HISTORY_SHOWN).reverse().map(historyView);
    return { alerts, history, notifications: deps.dispatcher.stats() };
  });
  app.get('/health', async (_req, reply) => {
    const latest = deps.evaluator.latest();
    const system = latest?.report.system.health ?? null;
    const h = engineHealth({
      now: deps.clock(),
      startedAt: deps.startedAt,
      monitoringSeconds: deps.config.intervals.monitoring_seconds,
      lastEvaluation: deps.evaluator.lastRun(),
      lastAppend: deps.ingest.lastAppend,
      log: deps.log.stats(),
      windowRecords: latest?.report.window.records ?? 0,
      reference: deps.evaluator.reference() !== null,
      system,
      notifications: deps.dispatcher.stats(),
      notifyUnhealthyAfterSeconds: parseDuration(deps.config.notify.delivery.unhealthy_after),
      ...(deps.storeStatus
        ? {
            store: {
              status: deps.storeStatus(),
              lagWarningSeconds: deps.config.storage.lag_seconds.warning,
            },
          }
        : {}),
      dependencies: await modelServiceChecks(deps.config),
    });
    return reply.code(h.status === 'healthy' ? 200 : 503).send(h);
  });
  app.get('/metrics', async (_req, reply) => {
    const body = await deps.metrics.metricsText();
    return reply.header('content-type', deps.metrics.contentType).send(body);
  });
}

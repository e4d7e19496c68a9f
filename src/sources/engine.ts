/** The engine's JSON API client: the latest report, its alerts and its health. */
import type { EngineAlertDoc, EngineAlertsDoc, EngineHealthDoc, EngineReportDoc } from './engine-types.js';
import { isObject, joinUrl, labelsOf, maxOf, requestJson, type SourceResult } from './result.js';

/** The engine client. */
export interface EngineClient {
  readonly url: string;
  report(): Promise<SourceResult<EngineReportDoc>>;
  /**
   * The report and the alerts in one request (`?include=alerts`); `alerts` is null from an engine that
   * does not know the parameter (it sends the report alone).
   */
  reportWithAlerts(): Promise<SourceResult<EngineReportWithAlerts>>;
  alerts(): Promise<SourceResult<EngineAlertsDoc>>;
  health(): Promise<SourceResult<EngineHealthDoc>>;
}

/** Creates a client for the engine at `url`. */
export function createEngineClient(opts: {
  url: string;
  timeoutMs: number;
  maxBytes?: number;
}): EngineClient {
  const req = { timeoutMs: opts.timeoutMs, ...maxOf(opts) };
  return {
    url: opts.url,
    report: () => requestJson(joinUrl(opts.url, '/api/v1/report'), req, parseReport),
    reportWithAlerts: () =>
      requestJson(joinUrl(opts.url, '/api/v1/report?include=alerts'), req, parseReportWithAlerts),
    alerts: () => requestJson(joinUrl(opts.url, '/alerts'), req, parseEngineAlerts),
    health: () =>
      requestJson(joinUrl(opts.url, '/health'), { ...req, acceptStatus: [503] }, (b) =>
        isObject(b) && (b.status === 'healthy' || b.status === 'unhealthy')
          ? ({ status: b.status, checks: isObject(b.checks) ? b.checks : {} } as EngineHealthDoc)
          : null,
      ),
  };
}

function parseReport(b: unknown): EngineReportDoc | null {
  if (!isObject(b) || !isObject(b.window) || typeof b.evaluatedAt !== 'string') return null;
  return b as unknown as EngineReportDoc;
}

/** The report and, when the engine sent them, its alerts. */
export interface EngineReportWithAlerts {
  report: EngineReportDoc;
  alerts: EngineAlertDoc[] | null;
}

function parseReportWithAlerts(b: unknown): EngineReportWithAlerts | null {
  const report = parseReport(b);
  if (report === null || !isObject(b)) return null;
  // no `alerts` (an engine before the parameter) or one not read: the caller asks GET /alerts
  const alerts = 'alerts' in b ? parseEngineAlerts(b.alerts) : null;
  const { alerts: _, ...rest } = b;
  return { report: rest as unknown as EngineReportDoc, alerts: alerts?.alerts ?? null };
}

/** Parses GET /alerts (or a bare array of alerts); null when it is neither. */
export function parseEngineAlerts(b: unknown): EngineAlertsDoc | null {
  // GET /alerts is {alerts, history}; a bare array of alerts is accepted too.
  const alerts = Array.isArray(b) ? b : isObject(b) && Array.isArray(b.alerts) ? b.alerts : null;
  if (alerts === null) return null;
  const history = isObject(b) && Array.isArray(b.history) ? b.history : [];
  const valid = alerts.filter(isObject).filter((a) => typeof a.name === 'string');
  // The engine writes `since` (ISO); older shapes carried `activeAt` (epoch ms). Normalise to activeAt.
  const normal = valid.map((a) => {
    const since = typeof a.since === 'string' ? Date.parse(a.since) : Number.NaN;
    const activeAt = typeof a.activeAt === 'number' ? a.activeAt : Number.isNaN(since) ? null : since;
    return { ...a, labels: labelsOf(a.labels), activeAt };
  });
  return { alerts: normal, history } as unknown as EngineAlertsDoc;
}

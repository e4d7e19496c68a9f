/** What the engine poller fetches in one refresh: the report and the alerts (the health when both fail). */
import {
  type EngineAlertDoc,
  type EngineClient,
  type EngineHealthDoc,
  type EngineReportDoc,
  type SourceResult,
  unanswered,
} from '../../sources/index.js';

/** One engine refresh; a part is null when its endpoint failed (e.g. no evaluation yet). */
export interface EngineData {
  report: EngineReportDoc | null;
  alerts: EngineAlertDoc[] | null;
  health: EngineHealthDoc | null;
}

/**
 * How the poller asks: together (the report with its alerts, one request) or apart, and for how many more
 * refreshes apart before together is tried again (an engine upgraded under a running console).
 */
export interface EngineAsk {
  apartFor: number;
}

/** Refreshes asked apart before together is tried again: 5 minutes at the 2 s refresh. */
export const APART_REFRESHES = 150;

/** What one together request says about the next ones. */
export type TogetherVerdict = 'together' | 'apart' | 'down' | 'retry-apart';

/**
 * Pure: what the answer to `?include=alerts` means. The report with alerts: keep asking together. The
 * report alone (an engine before the parameter) or a refusal of the request itself (another 4xx: a proxy
 * that knows its parameters, say; an answer over sources.max_response_bytes now that it holds the alerts):
 * ask apart for a while. No answer at all: the engine is down, whichever way it is asked. A 503 (no
 * evaluation yet) or another 5xx says nothing about the parameter: ask apart this once.
 */
export function togetherVerdict(r: SourceResult<{ alerts: EngineAlertDoc[] | null }>): TogetherVerdict {
  if (r.ok) return r.data.alerts !== null ? 'together' : 'apart';
  if (unanswered(r)) return 'down';
  if (r.kind === 'http' && (r.status ?? 0) >= 500) return 'retry-apart';
  return 'apart';
}

/**
 * Fetches the report and the alerts, and the health only when both fail (it then tells a starting engine,
 * which has no evaluation yet, from a dead one); the engine counts as down only when all fail. Nothing the
 * console draws reads the health when the other two answer.
 *
 * One request a refresh: the report with its alerts (`?include=alerts`); `ask` (the poller's, kept between
 * refreshes) says when to ask the two apart instead (togetherVerdict).
 */
export async function fetchEngine(
  client: EngineClient,
  ask: EngineAsk = { apartFor: 0 },
): Promise<SourceResult<EngineData>> {
  if (ask.apartFor > 0) {
    ask.apartFor--;
    return apart(client);
  }
  const both = await client.reportWithAlerts();
  const verdict = togetherVerdict(both);
  if (verdict === 'apart') ask.apartFor = APART_REFRESHES;
  if (both.ok && both.data.alerts !== null)
    return {
      ok: true,
      fetchedAt: both.fetchedAt,
      data: { report: both.data.report, alerts: both.data.alerts, health: null },
    };
  // down: the report and the alerts would time out as this did; the health alone decides (as when both fail)
  if (!both.ok && verdict === 'down') return withHealth(client, both, both);
  if (both.ok) return withHealth(client, { ...both, data: both.data.report }, await client.alerts());
  return apart(client);
}

async function apart(client: EngineClient): Promise<SourceResult<EngineData>> {
  const [report, alerts] = await Promise.all([client.report(), client.alerts()]);
  return withHealth(client, report, alerts);
}

async function withHealth(
  client: EngineClient,
  report: SourceResult<EngineReportDoc>,
  alerts: SourceResult<{ alerts: EngineAlertDoc[] }>,
): Promise<SourceResult<EngineData>> {
  const health = report.ok || alerts.ok ? null : await client.health();
  if (!report.ok && !alerts.ok && health && !health.ok) return health;
  const fetchedAt = Math.max(...[report, alerts, health].map((r) => (r?.ok ? r.fetchedAt : 0)));
  return {
    ok: true,
    fetchedAt,
    data: {
      report: report.ok ? report.data : null,
      alerts: alerts.ok ? alerts.data.alerts : null,
      health: health?.ok ? health.data : null,
    },
  };
}

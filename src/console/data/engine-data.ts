/** What the engine poller fetches in one refresh: the report and the alerts (the health when both fail). */
import type {
  EngineAlertDoc,
  EngineClient,
  EngineHealthDoc,
  EngineReportDoc,
  SourceResult,
} from '../../sources/index.js';

/** One engine refresh; a part is null when its endpoint failed (e.g. no evaluation yet). */
export interface EngineData {
  report: EngineReportDoc | null;
  alerts: EngineAlertDoc[] | null;
  health: EngineHealthDoc | null;
}

/** What a poller remembers between refreshes: whether this engine sends its alerts with the report. */
export interface EngineFetchMemo {
  together: boolean;
}

/**
 * Fetches the report and the alerts, and the health only when both fail (it then tells a starting engine,
 * which has no evaluation yet, from a dead one); the engine counts as down only when all fail. Nothing the
 * console draws reads the health when the other two answer.
 *
 * One request a refresh: the report with its alerts (`?include=alerts`). An engine that sends the report
 * alone (one from before the parameter) is remembered in `memo`, and asked both at once from then on; a
 * report that failed (503 before the first evaluation) is followed by GET /alerts, which answers then too.
 */
export async function fetchEngine(
  client: EngineClient,
  memo: EngineFetchMemo = { together: true },
): Promise<SourceResult<EngineData>> {
  if (memo.together) {
    const both = await client.reportWithAlerts();
    if (both.ok && both.data.alerts !== null)
      return {
        ok: true,
        fetchedAt: both.fetchedAt,
        data: { report: both.data.report, alerts: both.data.alerts, health: null },
      };
    if (both.ok) memo.together = false;
    const report = both.ok ? { ...both, data: both.data.report } : both;
    return withAlerts(client, report, await client.alerts());
  }
  const [report, alerts] = await Promise.all([client.report(), client.alerts()]);
  return withAlerts(client, report, alerts);
}

async function withAlerts(
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

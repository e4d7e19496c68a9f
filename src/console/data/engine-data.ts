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

/**
 * Fetches the report and the alerts at once, and the health only when both fail (it then tells a starting
 * engine, which has no evaluation yet, from a dead one); the engine counts as down only when all fail.
 * Nothing the console draws reads the health when the other two answer, so a refresh asks two things.
 */
export async function fetchEngine(client: EngineClient): Promise<SourceResult<EngineData>> {
  const [report, alerts] = await Promise.all([client.report(), client.alerts()]);
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

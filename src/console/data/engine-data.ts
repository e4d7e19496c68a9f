/** What the engine poller fetches in one refresh: the report, the alerts and the health, together. */
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

/** Fetches the three endpoints at once; the engine counts as down only when all three fail. */
export async function fetchEngine(client: EngineClient): Promise<SourceResult<EngineData>> {
  const [report, alerts, health] = await Promise.all([client.report(), client.alerts(), client.health()]);
  if (!report.ok && !alerts.ok && !health.ok) return health;
  const fetchedAt = Math.max(...[report, alerts, health].map((r) => (r.ok ? r.fetchedAt : 0)));
  return {
    ok: true,
    fetchedAt,
    data: {
      report: report.ok ? report.data : null,
      alerts: alerts.ok ? alerts.data.alerts : null,
      health: health.ok ? health.data : null,
    },
  };
}

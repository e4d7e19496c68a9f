/**
 * `mmops notify test --channel alertmanager`: a test alert through Alertmanager's own receivers. It is
 * POSTed to /api/v2/alerts (API v2; v1 is deprecated), then Alertmanager's request counters per
 * integration (alertmanager_notification_requests_total and _failed_total on its /metrics; each HTTP or
 * SMTP request counts, where notifications_failed_total moves only once its retries are exhausted) are
 * watched until an integration has tried it, and the alert is resolved again (endsAt now) so it does not
 * linger. The counters are Alertmanager-wide: another alert's notification in the same seconds would count.
 */
import { TEST_ALERT_NAME } from '../alerting/index.js';

/** What one test through Alertmanager found. */
export interface AlertmanagerTestResult {
  delivered: boolean;
  reason: string;
}

/** Integration name to [attempts, failures], summed over its series. */
type Counts = Map<string, [number, number]>;

/** Sends the test alert and waits up to `waitMs` for an integration to deliver or fail it. */
export async function testAlertmanager(
  url: string,
  o: { host: string; now: () => number; waitMs: number; timeoutMs: number },
): Promise<AlertmanagerTestResult> {
  const base = url.replace(/\/+$/, '');
  const before = await counts(base, o.timeoutMs);
  const startsAt = new Date(o.now()).toISOString();
  const alert = (endsAt: string) => [
    {
      labels: { alertname: TEST_ALERT_NAME, severity: 'warning', mmops_test: 'true', host: o.host },
      annotations: {
        summary: `TEST notification from mmops on ${o.host}: no action needed`,
        description:
          'Sent by `mmops notify test` through Alertmanager. It is not an alert: nothing is wrong.',
        runbook: 'notification-delivery',
      },
      startsAt,
      endsAt,
    },
  ];
  await postAlerts(base, alert(new Date(o.now() + 10 * 60_000).toISOString()), o.timeoutMs);
  try {
    const until = o.now() + o.waitMs;
    while (o.now() < until) {
      const moved = delta(before, await counts(base, o.timeoutMs));
      const ok = moved.filter(([, [sent, failed]]) => sent > failed).map(([name]) => name);
      const bad = moved.filter(([, [sent, failed]]) => failed > 0 && sent <= failed).map(([name]) => name);
      if (ok.length > 0)
        return { delivered: true, reason: `sent by Alertmanager's ${ok.join(', ')} integration` };
      if (bad.length > 0) {
        return {
          delivered: false,
          reason: `Alertmanager's ${bad.join(', ')} integration failed (see its log)`,
        };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      delivered: false,
      reason: `accepted by Alertmanager, but no receiver tried it within ${Math.round(o.waitMs / 1000)} s (is a receiver configured? group_wait?)`,
    };
  } finally {
    await postAlerts(base, alert(new Date(o.now()).toISOString()), o.timeoutMs).catch(() => undefined);
  }
}

async function postAlerts(base: string, body: unknown, timeoutMs: number): Promise<void> {
  const res = await fetch(`${base}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok)
    throw new Error(`POST /api/v2/alerts answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

async function counts(base: string, timeoutMs: number): Promise<Counts> {
  const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`GET /metrics answered HTTP ${res.status}`);
  return parseCounts(await res.text());
}

/** The per-integration notification request counters of an Alertmanager /metrics text. Pure. */
export function parseCounts(text: string): Counts {
  const out: Counts = new Map();
  const line = /^alertmanager_notification_requests(_failed)?_total\{([^}]*)\} (\S+)$/;
  for (const l of text.split('\n')) {
    const m = line.exec(l);
    const integration = m ? /integration="([^"]+)"/.exec(m[2]!)?.[1] : undefined;
    if (!m || !integration) continue;
    const c = out.get(integration) ?? [0, 0];
    c[m[1] ? 1 : 0] += Number(m[3]);
    out.set(integration, c);
  }
  return out;
}

function delta(before: Counts, after: Counts): [string, [number, number]][] {
  return [...after]
    .map(([name, [s, f]]): [string, [number, number]] => {
      const [s0, f0] = before.get(name) ?? [0, 0];
      return [name, [s - s0, f - f0]];
    })
    .filter(([, [s, f]]) => s > 0 || f > 0);
}

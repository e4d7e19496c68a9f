/** A liveness probe: GET a health URL and report its status, body and round-trip time, without parsing. */
import { classify, type SourceResult } from './result.js';

/** What a probe saw. `ok` in the result means the request completed; `healthy` means a 2xx. */
export interface ProbeResult {
  status: number;
  healthy: boolean;
  body: string;
  ms: number;
}

/** GETs `url` within `timeoutMs` (Prometheus and Alertmanager `/-/healthy`, Grafana `/api/health`). */
export async function probe(url: string, timeoutMs: number): Promise<SourceResult<ProbeResult>> {
  const t0 = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal: timeout });
    const body = (await res.text()).slice(0, 2000);
    return {
      ok: true,
      data: { status: res.status, healthy: res.ok, body, ms: performance.now() - t0 },
      fetchedAt: Date.now(),
    };
  } catch (err) {
    return classify(err, url, timeoutMs, timeout.aborted);
  }
}

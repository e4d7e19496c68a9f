/** A liveness probe: GET a health URL and report its status, body and round-trip time, without parsing. */
import { classify, readCapped, type SourceResult } from './result.js';

// The body is only shown (the first 2,000 characters), so no more than this is ever read of it.
const PROBE_BODY_BYTES = 8192;

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
    const body = (await readCapped(res, PROBE_BODY_BYTES)).text.slice(0, 2000);
    return {
      ok: true,
      data: { status: res.status, healthy: res.ok, body, ms: performance.now() - t0 },
      fetchedAt: Date.now(),
    };
  } catch (err) {
    return classify(err, url, timeoutMs, timeout.aborted);
  }
}

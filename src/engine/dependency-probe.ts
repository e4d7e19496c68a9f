/**
 * The model service as the engine's /health reports it (the market-master guide's check_application_health:
 * model_loading, prediction_service): GET each configured URL, 2xx = ok. A model service that is down is a
 * warning here, not a 503: the engine still receives, evaluates and alerts, and `mmops diag health` judges
 * the model service on its own row.
 */
import type { Config } from '../config/index.js';
import type { Check } from './engine-health.js';

/** GETs `url` within `timeoutMs`: ok on 2xx, warn with the status or the reason otherwise. */
export async function probeHttp(url: string, timeoutMs: number): Promise<Check> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok
      ? { status: 'ok', message: `${url}: HTTP ${res.status}` }
      : { status: 'warn', message: `${url}: HTTP ${res.status}` };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    return { status: 'warn', message: `${url}: unreachable: ${why}` };
  }
}

/** The configured model-service checks, by /health check name; empty when none is configured. */
export async function modelServiceChecks(config: Config): Promise<Record<string, Check>> {
  // Half the sources timeout at most: /health must answer its own caller's timeout.
  const timeoutMs = Math.min(2000, config.sources.timeout_seconds * 500);
  const s = config.sources;
  const out: Record<string, Check> = {};
  const [service, loading] = await Promise.all([
    s.model_service_health_url ? probeHttp(s.model_service_health_url, timeoutMs) : null,
    s.model_loading_url ? probeHttp(s.model_loading_url, timeoutMs) : null,
  ]);
  if (service) out.model_service = service;
  if (loading) out.model_loading = loading;
  return out;
}

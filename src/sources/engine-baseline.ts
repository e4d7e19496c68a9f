/** The engine's baseline API (GET/PUT/DELETE /api/v1/baseline), with the ingest token for writes when set. */
import { classify, fail, joinUrl, type SourceResult } from './result.js';

/** The API's answer: the baseline with its source and times, or null with a note. */
export interface BaselineDoc {
  baseline: {
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    support: number;
    source: string;
    measuredAt: string;
    setAtIso: string;
    predictionShares: Record<string, number>;
  } | null;
  note?: string;
}

/** Calls the baseline API of the engine at `url`: GET shows, PUT sets (`body`), DELETE resets. */
export async function engineBaseline(
  opts: { url: string; timeoutMs: number; token?: string | null },
  method: 'GET' | 'PUT' | 'DELETE',
  body?: unknown,
): Promise<SourceResult<BaselineDoc>> {
  const url = joinUrl(opts.url, '/api/v1/baseline');
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await fetch(url, {
      method,
      signal: timeout,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return fail('bad-response', `${method} ${url}: HTTP ${res.status}, not JSON`);
    }
    if (!res.ok) {
      const why = (doc as { error?: string }).error ?? text;
      return fail('http', `${method} ${url}: HTTP ${res.status}: ${why}`, res.status);
    }
    return { ok: true, data: doc as BaselineDoc, fetchedAt: Date.now() };
  } catch (err) {
    return classify(err, url, opts.timeoutMs, timeout.aborted);
  }
}

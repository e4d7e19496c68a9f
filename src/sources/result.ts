/** Typed results of one HTTP request to a source, and the JSON fetch with a per-request timeout. */
import { HttpFailure, type HttpText, httpText } from './http-text.js';

/** Why a request failed: no connection, no answer in time, a non-2xx status, or a body we cannot read. */
export type SourceErrorKind = 'unreachable' | 'timeout' | 'http' | 'bad-response';

/** A successful request: the parsed data and when it arrived (epoch ms). */
export interface SourceOk<T> {
  ok: true;
  data: T;
  fetchedAt: number;
}

/** A failed request: a one-line message and its kind; `status` for kind 'http'. */
export interface SourceFail {
  ok: false;
  error: string;
  kind: SourceErrorKind;
  status?: number;
}

/** What every source call resolves to; it never rejects. */
export type SourceResult<T> = SourceOk<T> | SourceFail;

/** Options of one request. */
export interface RequestOptions {
  timeoutMs: number;
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Statuses besides 2xx whose body is still data (GET /health answers 503 with a document). */
  acceptStatus?: readonly number[];
  /** Aborts the request early, e.g. when the console quits. */
  signal?: AbortSignal;
  now?: () => number;
  /** A longer body is refused as a bad response (sources.max_response_bytes); default 4 MiB. */
  maxBytes?: number;
}

/** The default response size limit: a Prometheus range answer for every panel is well under 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** No answer at all: the source is down or did not answer in time (not an answer it refused or garbled). */
export const unanswered = (r: SourceFail): boolean => r.kind === 'unreachable' || r.kind === 'timeout';

/** Builds a failure result. */
export function fail(kind: SourceErrorKind, error: string, status?: number): SourceFail {
  return status === undefined ? { ok: false, kind, error } : { ok: false, kind, error, status };
}

/** Requests `url` (http-text.ts) and parses JSON; `parse` validates the shape (return null when it does not fit). */
export async function requestJson<T>(
  url: string,
  opts: RequestOptions,
  parse: (body: unknown) => T | null,
): Promise<SourceResult<T>> {
  const now = opts.now ?? Date.now;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let res: HttpText;
  try {
    res = await httpText(url, {
      method: opts.method ?? 'GET',
      timeoutMs: opts.timeoutMs,
      maxBytes,
      ...(opts.body === undefined ? {} : { json: JSON.stringify(opts.body) }),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (!(err instanceof HttpFailure)) throw err;
    if (err.kind === 'timeout') return fail('timeout', `${url}: no answer within ${opts.timeoutMs} ms`);
    if (err.kind === 'aborted') return fail('unreachable', `${url}: request aborted`);
    return fail('unreachable', `${url}: ${err.code ?? err.message}`);
  }
  // Refused, not read whole: a 10 MB garbage answer once swung the console's RSS to 815 MB (issue 17, defect 6).
  if (res.over)
    return fail('bad-response', `${url}: response over ${maxBytes} bytes (sources.max_response_bytes)`);
  const ok = res.status >= 200 && res.status < 300;
  const { text } = res;
  if (!ok && !opts.acceptStatus?.includes(res.status)) {
    return fail('http', `${url}: HTTP ${res.status} ${snippet(text)}`.trimEnd(), res.status);
  }
  let body: unknown = null;
  try {
    // an empty 2xx body (Alertmanager's DELETE /silence/{id}) parses as null (tested, not trimmed: no
    // new string for an answer with a trailing newline)
    if (/\S/.test(text)) body = JSON.parse(text);
  } catch {
    return fail('bad-response', `${url}: not JSON: ${snippet(text)}`);
  }
  const data = parse(body);
  if (data === null) return fail('bad-response', `${url}: unexpected response shape: ${snippet(text)}`);
  return { ok: true, data, fetchedAt: now() };
}

/** A body read up to a limit: its text, or `over` when it passed the limit (the rest is never read). */
export type CappedBody = { over: false; text: string } | { over: true; text: string };

/**
 * Reads `res`'s body, stopping past `maxBytes`: a Content-Length over the limit is refused before reading,
 * and a chunked body is cancelled as soon as it passes. `text` holds what was read (the first maxBytes).
 */
export async function readCapped(res: Response, maxBytes: number): Promise<CappedBody> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { over: true, text: '' };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(value.byteLength, room);
    if (value.byteLength > room) {
      over = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { over, text: Buffer.concat(chunks).toString('utf8') };
}

/** Turns a fetch failure into a typed result: timeout, unreachable (refused, DNS) or aborted. */
export function classify(err: unknown, url: string, timeoutMs: number, timedOut: boolean): SourceFail {
  if (timedOut) return fail('timeout', `${url}: no answer within ${timeoutMs} ms`);
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'AbortError') return fail('unreachable', `${url}: request aborted`);
  // undici reports connection failures as TypeError('fetch failed') with the system error as `cause`.
  const cause = e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
  return fail('unreachable', `${url}: ${cause}`);
}

function snippet(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

/** `{maxBytes}` when a client was given one, for spreading into RequestOptions. */
export function maxOf(opts: { maxBytes?: number }): { maxBytes?: number } {
  return opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes };
}

/** Joins a base URL and a path, whatever slashes either has. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** True when `v` is a non-null, non-array object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Label maps: keeps string values only. */
export function labelsOf(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  // for...in, not Object.entries: no pair array a label (every sample of every answer, every refresh)
  for (const k in v) if (Object.hasOwn(v, k) && typeof v[k] === 'string') out[k] = v[k];
  return out;
}

/** The simulator's one piece of network I/O: POST a body, report the status. Injected, so tests can swap it. */

/** POSTs `body` to `url`; resolves with the HTTP status (any status), rejects when no answer came. */
export type PostFn = (url: string, body: string, contentType: string) => Promise<{ status: number }>;

/** Options of the default poster. */
export interface PostOptions {
  /** Per request. Default 5 s: a slow engine counts as a failed post and is retried. */
  timeoutMs?: number;
  /** Extra headers, e.g. an ingest token: `{ authorization: 'Bearer ...' }`. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The default poster, on Node's fetch (the one HTTP client of mmops, as in sources/ and runbook/). Never
 * throws for an HTTP status; rejects with a short reason otherwise ("POST /api/v1/predictions failed:
 * ECONNREFUSED"), never with the full URL, which may carry a token.
 */
export function createFetchPost(opts: PostOptions = {}): PostFn {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return async (url, body, contentType) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { ...opts.headers, 'content-type': contentType, 'user-agent': 'mmops-simulate' },
        // an engine answers ingest directly; a redirect means a wrong URL, so it is the answer, not followed
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // drain the body so undici can reuse the connection for the next batch
      await res.arrayBuffer();
      return { status: res.status };
    } catch (err) {
      throw new Error(`POST ${new URL(url).pathname} failed: ${reason(err, timeoutMs)}`);
    }
  };
}

/** The system error code undici wraps in `cause` (ECONNREFUSED), or the timeout, or the message. */
function reason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

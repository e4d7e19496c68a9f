/**
 * JSON POST for the HTTP notifiers, on Node's fetch (mmops' one HTTP client, as in sources/, runbook/ and
 * sim/): a non-2xx answer rejects, and errors never carry the URL.
 */

/**
 * POSTs `body` as JSON. Rejects with "<who>: HTTP 500", "<who>: ECONNREFUSED" or "<who>: no answer within
 * 5000 ms" (without the "<who>: " when `who` is empty): a Slack webhook URL is a secret, so it must not end
 * up in logs through an error message. `headers` are added to the request (e.g. Idempotency-Key).
 */
export async function postJson(
  who: string,
  url: string,
  body: unknown,
  timeoutMs: number,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const said = (why: string) => new Error(who ? `${who}: ${why}` : why);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'user-agent': 'mmops-alerting', ...headers },
      // A receiver answers a notice itself; a redirect means a wrong URL, so it is the answer, not followed
      // (and a webhook's secret path is never sent on to another host).
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read to the end so undici can reuse the connection; the timeout covers the body as well.
    await res.arrayBuffer();
  } catch (err) {
    throw said(reason(err, timeoutMs));
  }
  if (!res.ok) throw said(`HTTP ${res.status}`);
}

/**
 * Why a POST got no answer: the timeout, or the system error code undici wraps in `cause` (ECONNREFUSED,
 * ENOTFOUND). Never `cause.message`: it may name the host and port of a secret URL.
 */
function reason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (e.cause?.code) return e.cause.code;
  // fetch's own TypeError for a URL it cannot parse quotes the URL: say what it is instead
  const message = (err as { message?: string }).message ?? '';
  return /parse URL|Invalid URL/i.test(message) ? 'invalid URL' : 'request failed';
}

/**
 * The headers of one delivery: `Idempotency-Key` as the IETF httpapi draft names it
 * (draft-ietf-httpapi-idempotency-key-header), so a receiver can drop a retried copy.
 */
export function idempotencyHeaders(key: string): Record<string, string> {
  return { 'idempotency-key': key };
}

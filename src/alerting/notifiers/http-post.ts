/** JSON POST for the HTTP notifiers: a non-2xx answer rejects, and errors never carry the URL. */
import axios from 'axios';

/**
 * POSTs `body` as JSON. Rejects with "<who>: HTTP 500" or "<who>: ECONNREFUSED" ("HTTP 500" when `who`
 * is empty): a Slack webhook URL is a secret, so it must not end up in logs through an error message or a
 * serialized axios config. `headers` are added to the request (e.g. Idempotency-Key).
 */
export async function postJson(
  who: string,
  url: string,
  body: unknown,
  timeoutMs: number,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const said = (why: string) => new Error(who ? `${who}: ${why}` : why);
  try {
    await axios.post(url, body, {
      timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'user-agent': 'mmops-alerting', ...headers },
      maxRedirects: 0,
    });
  } catch (err) {
    if (axios.isAxiosError(err)) {
      const why = err.response ? `HTTP ${err.response.status}` : (err.code ?? 'request failed');
      throw said(why);
    }
    throw said(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The headers of one delivery: `Idempotency-Key` as the IETF httpapi draft names it
 * (draft-ietf-httpapi-idempotency-key-header), so a receiver can drop a retried copy.
 */
export function idempotencyHeaders(key: string): Record<string, string> {
  return { 'idempotency-key': key };
}

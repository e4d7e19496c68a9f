/** JSON POST for the HTTP notifiers: a non-2xx answer rejects, and errors never carry the URL. */
import axios from 'axios';

/**
 * POSTs `body` as JSON. Rejects with "<who>: HTTP 500" or "<who>: ECONNREFUSED" ("HTTP 500" when `who`
 * is empty): a Slack webhook URL is a secret, so it must not end up in logs through an error message or a
 * serialized axios config.
 */
export async function postJson(who: string, url: string, body: unknown, timeoutMs: number): Promise<void> {
  const said = (why: string) => new Error(who ? `${who}: ${why}` : why);
  try {
    await axios.post(url, body, {
      timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'user-agent': 'mmops-alerting' },
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

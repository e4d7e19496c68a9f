/** The simulator's one piece of network I/O: POST a body, report the status. Injected, so tests can swap it. */
import axios from 'axios';

/** POSTs `body` to `url`; resolves with the HTTP status (any status), rejects when no answer came. */
export type PostFn = (url: string, body: string, contentType: string) => Promise<{ status: number }>;

/** Options of the default poster. */
export interface AxiosPostOptions {
  /** Per request. Default 5 s: a slow engine counts as a failed post and is retried. */
  timeoutMs?: number;
  /** Extra headers, e.g. an ingest token: `{ authorization: 'Bearer ...' }`. */
  headers?: Readonly<Record<string, string>>;
}

/** The default poster, on axios. Never throws for an HTTP status; rejects with a short reason otherwise. */
export function createAxiosPost(opts: AxiosPostOptions = {}): PostFn {
  const client = axios.create({
    timeout: opts.timeoutMs ?? 5000,
    maxRedirects: 0,
    validateStatus: () => true,
    // The body is already serialised; stop axios from re-encoding or parsing anything.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    responseType: 'text',
  });
  return async (url, body, contentType) => {
    try {
      const res = await client.post(url, body, {
        headers: { ...opts.headers, 'content-type': contentType, 'user-agent': 'mmops-simulate' },
      });
      return { status: res.status };
    } catch (err) {
      const code = axios.isAxiosError(err) ? (err.code ?? err.message) : String(err);
      throw new Error(`POST ${new URL(url).pathname} failed: ${code}`);
    }
  };
}

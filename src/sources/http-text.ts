/**
 * One HTTP request to a source, its body read up to a limit: node:http on keep-alive agents.
 *
 * Why not fetch: the console asks its sources ~6 times a refresh, every 2 s, and fetch (undici's WHATWG
 * layer: streams, resource timing, abort signals, gzip) cost 1.2 ms of CPU a request against 0.45 ms for
 * node:http on the same answers (a 500-request loop against the demo's Prometheus, bench/README.md
 * "Console"): about a fifth of the console's idle CPU. The sources here are Prometheus, Alertmanager and
 * the engine, on JSON APIs: no cookies, no CORS, nothing fetch adds that they need.
 */
import http from 'node:http';
import https from 'node:https';

/** Options of one request. */
export interface HttpTextOptions {
  method: 'GET' | 'POST' | 'DELETE';
  /** A JSON body (sent with content-type application/json). */
  json?: string;
  timeoutMs: number;
  /** A longer body is not read (`over`). */
  maxBytes: number;
  signal?: AbortSignal;
}

/** What came back: the status and the body as text (the first maxBytes when `over`). */
export interface HttpText {
  status: number;
  text: string;
  over: boolean;
}

/** Why a request got no answer: the time ran out, the caller aborted, or the connection failed (`code`). */
export class HttpFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'aborted' | 'network',
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

// Keep-alive: one connection per source stays open between refreshes (free sockets do not hold the
// process open: Node unrefs them), as fetch's pool did.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

const REDIRECTS = 5;

/** Sends the request; resolves with the answer, or rejects with an HttpFailure. */
export function httpText(url: string, o: HttpTextOptions): Promise<HttpText> {
  return send(new URL(url), o, REDIRECTS, true);
}

function send(target: URL, o: HttpTextOptions, redirects: number, mayRetry: boolean): Promise<HttpText> {
  const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!lib) return Promise.reject(new HttpFailure(`unsupported protocol ${target.protocol}`, 'network'));
  return new Promise<HttpText>((resolve, reject) => {
    let settled = false;
    // the one way this request ends: with an answer, a failure, or another request (a retry, a redirect)
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      then();
    };
    const done = (err: HttpFailure | null, value?: HttpText) =>
      settle(() => (err ? reject(err) : resolve(value!)));
    const follow = (next: URL, redirectsLeft: number, retry: boolean) =>
      settle(() => send(next, o, redirectsLeft, retry).then(resolve, reject));
    const body = o.json === undefined ? undefined : Buffer.from(o.json);
    const req = lib.request(target, {
      method: o.method,
      agent: agents[target.protocol as 'http:' | 'https:'],
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(new HttpFailure(`no answer within ${o.timeoutMs} ms`, 'timeout'));
    }, o.timeoutMs);
    const onAbort = () => {
      req.destroy();
      done(new HttpFailure('request aborted', 'aborted'));
    };
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed while idle fails on first use: Node's documented answer
      // is to send again on a new one (an idempotent request only: a POST may have been taken).
      if (mayRetry && req.reusedSocket && err.code === 'ECONNRESET' && o.method !== 'POST')
        return follow(target, redirects, false);
      done(new HttpFailure(err.message, 'network', err.code));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (o.method === 'GET' && location && [301, 302, 303, 307, 308].includes(status) && redirects > 0) {
        res.resume();
        return follow(new URL(location, target), redirects - 1, true);
      }
      // Refused, not read whole: a 10 MB garbage answer once swung the console's RSS to 815 MB.
      if (Number(res.headers['content-length'] ?? Number.NaN) > o.maxBytes) {
        done(null, { status, text: '', over: true });
        res.destroy(); // after the answer: destroying reports the body cut off
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        const room = o.maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          done(null, { status, text: Buffer.concat(chunks).toString('utf8'), over: true });
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      // most answers come in one chunk: read as it is, not copied first
      const text = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      res.on('end', () => done(null, { status, text: text(), over: false }));
      res.on('error', (err: NodeJS.ErrnoException) =>
        done(new HttpFailure(err.message, 'network', err.code)),
      );
      // a body cut off mid-way (the server died): not an answer
      res.on('aborted', () => done(new HttpFailure('the answer was cut off', 'network', 'ECONNRESET')));
    });
    req.end(body);
  });
}

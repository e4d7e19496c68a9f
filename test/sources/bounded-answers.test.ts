/**
 * Bounded, validated answers (issue 17, defect 6): every client refuses a body past its size limit without
 * reading it whole, and invalid JSON or an unexpected shape is a 'bad-response' with the reason, never ok.
 * Real HTTP servers on loopback that stream garbage and count what they managed to send.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAlertmanagerClient,
  createEngineClient,
  createPrometheusClient,
  probe,
} from '../../src/sources/index.js';

const TEN_MB = 10 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** What the garbage server sent on its last request before the client hung up (or it finished). */
interface Sent {
  bytes: number;
  finished: boolean;
}

/** A server whose every answer is `body` (a fixed text), or 10 MB of garbage streamed with backpressure. */
async function serve(answer: (res: ServerResponse, sent: Sent) => void) {
  const log: Sent[] = [];
  const server: Server = createServer((_req, res) => {
    const sent = { bytes: 0, finished: false };
    log.push(sent);
    answer(res, sent);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Streams 10 MB of garbage, chunk by chunk, only as fast as the client reads; `length` sets Content-Length. */
function garbage(length: boolean) {
  return (res: ServerResponse, sent: Sent) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(length ? { 'content-length': TEN_MB } : {}),
    });
    const pump = () => {
      while (sent.bytes < TEN_MB) {
        sent.bytes += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      sent.finished = true;
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
}

const text = (status: number, body: string) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};

const servers: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));
async function server(answer: Parameters<typeof serve>[0]) {
  const s = await serve(answer);
  servers.push(s);
  return s;
}

describe('a response past the size limit', () => {
  it.each([
    ['streamed (no Content-Length)', false],
    ['announced by Content-Length', true],
  ])('%s is refused as a bad response without being read whole', async (_what, length) => {
    const s = await server(garbage(length));
    const clients = [
      () => createPrometheusClient({ url: s.url, timeoutMs: 10_000 }).instant('up'),
      () => createAlertmanagerClient({ url: s.url, timeoutMs: 10_000 }).alerts(),
      () => createEngineClient({ url: s.url, timeoutMs: 10_000 }).report(),
    ];
    for (const call of clients) {
      const r = await call();
      expect(r).toMatchObject({ ok: false, kind: 'bad-response' });
      expect(!r.ok && r.error).toMatch(/response over 4194304 bytes \(sources\.max_response_bytes\)$/);
    }
    // The server never got to send the whole 10 MB: the client hung up past the limit.
    expect(s.log).toHaveLength(3);
    for (const sent of s.log) expect(sent.finished).toBe(false);
  });

  it('the limit is the client option (sources.max_response_bytes)', async () => {
    const vector = (n: number) =>
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, value: [1, '1'] })),
        },
      });
    const small = await server(text(200, vector(2)));
    const big = await server(text(200, vector(200)));
    const client = (url: string) => createPrometheusClient({ url, timeoutMs: 5000, maxBytes: 1000 });
    expect(await client(small.url).instant('up')).toMatchObject({ ok: true });
    expect(await client(big.url).instant('up')).toMatchObject({
      ok: false,
      kind: 'bad-response',
      error: expect.stringContaining('response over 1000 bytes'),
    });
  });

  it('a health probe reads only the head of a huge body', async () => {
    const s = await server(garbage(false));
    const r = await probe(`${s.url}/-/healthy`, 10_000);
    expect(r.ok && r.data.body.length).toBe(2000);
    expect(s.log[0]!.finished).toBe(false);
  });
});

describe('invalid answers are bad responses with the reason, never ok', () => {
  it.each([
    ['truncated JSON', '{"status":"success","data":{"resultType":"vec', /: not JSON: \{"status"/],
    [
      'an unexpected shape',
      '{"status":"success","data":{"resultType":"vector","result":"x"}}',
      /unexpected response shape/,
    ],
    ['a Prometheus error document', '{"status":"error","error":"bad"}', /unexpected response shape/],
  ])('Prometheus: %s', async (_what, body, reason) => {
    const s = await server(text(200, body));
    const r = await createPrometheusClient({ url: s.url, timeoutMs: 5000 }).instant('up');
    expect(r).toMatchObject({ ok: false, kind: 'bad-response' });
    expect(!r.ok && r.error).toMatch(reason);
  });

  it('Alertmanager and the engine too', async () => {
    const truncated = await server(text(200, '[{"labels":{'));
    expect(await createAlertmanagerClient({ url: truncated.url, timeoutMs: 5000 }).alerts()).toMatchObject({
      ok: false,
      kind: 'bad-response',
    });
    const shapeless = await server(text(200, '{"window":null}'));
    const engine = createEngineClient({ url: shapeless.url, timeoutMs: 5000 });
    for (const r of [await engine.report(), await engine.alerts(), await engine.health()])
      expect(r).toMatchObject({
        ok: false,
        kind: 'bad-response',
        error: expect.stringContaining('unexpected'),
      });
  });
});

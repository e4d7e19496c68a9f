import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchPost } from '../../src/sim/index.js';

// The simulator's default poster against a real HTTP server: what it sends, and how it fails.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createFetchPost', () => {
  it('sends the body, content type and extra headers as given, and resolves any status', async () => {
    const seen: { body: string; type?: string; auth?: string; method?: string }[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({
          body,
          type: req.headers['content-type'],
          auth: req.headers.authorization,
          method: req.method,
        });
        res.writeHead(seen.length === 1 ? 202 : 503).end('busy');
      });
    });
    const post = createFetchPost({ headers: { authorization: 'Bearer t0k' } });
    expect(await post(`${url}/api/v1/predictions`, '{"a":1}\n', 'application/x-ndjson')).toEqual({
      status: 202,
    });
    expect(await post(`${url}/api/v1/predictions`, '[]', 'application/json')).toEqual({ status: 503 });
    expect(seen).toEqual([
      { body: '{"a":1}\n', type: 'application/x-ndjson', auth: 'Bearer t0k', method: 'POST' },
      { body: '[]', type: 'application/json', auth: 'Bearer t0k', method: 'POST' },
    ]);
  });

  it('answers a redirect with its status instead of following it', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    expect(await createFetchPost()(`${url}/api/v1/actuals`, '[]', 'application/json')).toEqual({
      status: 302,
    });
  });

  it('rejects naming the path and the timeout when no answer comes, never the whole URL', async () => {
    const url = await serve(() => {}); // accepts and never answers
    const post = createFetchPost({ timeoutMs: 200 });
    await expect(post(`${url}/api/v1/predictions?token=s3cret`, '[]', 'application/json')).rejects.toThrow(
      /^POST \/api\/v1\/predictions failed: no answer within 200 ms$/,
    );
  });

  it('rejects with the system error when nothing listens', async () => {
    const url = await serve(() => {});
    await new Promise((r) => server!.close(r));
    await expect(createFetchPost()(`${url}/x`, '[]', 'application/json')).rejects.toThrow(
      'POST /x failed: ECONNREFUSED',
    );
  });
});

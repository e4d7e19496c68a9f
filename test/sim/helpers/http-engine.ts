/** A real node:http server on 127.0.0.1:0 standing in for the engine's ingest endpoints. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimActual, SimRecord } from '../../../src/sim/index.js';

/** One request the stub saw. */
export interface Seen {
  at: number;
  method: string;
  path: string;
  contentType: string;
  status: number;
}

/** The running stub; `status` decides each answer and may be changed while it runs. */
export interface HttpEngine {
  url: string;
  records: (SimRecord & { receivedAt: number })[];
  actuals: (SimActual & { receivedAt: number })[];
  requests: Seen[];
  status: (path: string) => number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stub (on a free port, or `port`); it answers 200 until `status` says otherwise. */
export async function startHttpEngine(port = 0): Promise<HttpEngine> {
  const engine: HttpEngine = {
    url: '',
    records: [],
    actuals: [],
    requests: [],
    status: () => 200,
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? '';
    const status = engine.status(path);
    const at = Date.now();
    engine.requests.push({
      at,
      method: req.method ?? '',
      path,
      contentType: req.headers['content-type'] ?? '',
      status,
    });
    if (status === 200 && req.method === 'POST' && path === '/api/v1/predictions') {
      for (const line of body.split('\n'))
        if (line.trim()) engine.records.push({ ...JSON.parse(line), receivedAt: at });
    } else if (status === 200 && req.method === 'POST' && path === '/api/v1/actuals') {
      for (const a of JSON.parse(body) as SimActual[]) engine.actuals.push({ ...a, receivedAt: at });
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? '{"accepted":true}' : '{"error":"unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  engine.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return engine;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 25 ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(25);
  }
  return cond();
}

/** Real local HTTP servers that answer as Prometheus, Alertmanager and the engine, from JSON fixtures. */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'console');
/** Reads test/fixtures/console/<name> as JSON. */
export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

type Handler = (req: IncomingMessage, url: URL, body: string) => { status: number; body: unknown } | 'hang';

/** A running server. */
export interface TestServer {
  url: string;
  requests: Array<{ method: string; path: string; query: string; body: string }>;
  close(): Promise<void>;
}

/** Serves `handler` on a free loopback port. */
export async function serve(handler: Handler): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, body });
      const out = handler(req, url, body);
      if (out === 'hang') return void hung.push(res);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A URL nobody listens on (a port bound, then released). */
export async function closedUrl(): Promise<string> {
  const s = await serve(() => ({ status: 200, body: {} }));
  await s.close();
  return s.url;
}

const notFound = { status: 404, body: { error: 'not found' } };

/** Prometheus: instant queries answered from prom-instant.json by substring, range queries synthesised. */
export function prometheusHandler(opts: { instant?: unknown; alerts?: unknown } = {}): Handler {
  const table = (opts.instant ?? fixture('prom-instant.json')) as Array<
    [string, Array<[Record<string, string>, number]>]
  >;
  const alerts = opts.alerts ?? fixture('prom-alerts.json');
  const lookup = (q: string) => table.find(([m]) => q.includes(m))?.[1] ?? [];
  return (_req, url) => {
    const q = url.searchParams.get('query') ?? '';
    if (url.pathname === '/api/v1/alerts') return { status: 200, body: alerts };
    if (url.pathname === '/api/v1/query') {
      const t = Number(url.searchParams.get('time') ?? Date.now() / 1000);
      const result = lookup(q).map(([metric, v]) => ({ metric, value: [t, String(v)] }));
      return { status: 200, body: { status: 'success', data: { resultType: 'vector', result } } };
    }
    if (url.pathname === '/api/v1/query_range') {
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      const step = Number(url.searchParams.get('step'));
      if (!(step > 0) || (end - start) / step + 1 > 11_000) {
        return {
          status: 400,
          body: {
            status: 'error',
            errorType: 'bad_data',
            error: 'exceeded maximum resolution of 11,000 points per timeseries',
          },
        };
      }
      const result = lookup(q).map(([metric, v]) => {
        const values: Array<[number, string]> = [];
        for (let t = start, i = 0; t <= end; t += step, i++)
          values.push([t, String(v * (1 + 0.1 * Math.sin(i / 3)))]);
        return { metric, values };
      });
      return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result } } };
    }
    return notFound;
  };
}

/** Alertmanager API v2: am-alerts.json, and silences accepted with a made-up id. */
export function alertmanagerHandler(opts: { alerts?: unknown } = {}): Handler {
  const alerts = opts.alerts ?? fixture('am-alerts.json');
  let n = 0;
  return (req, url) => {
    if (url.pathname === '/api/v2/alerts') return { status: 200, body: alerts };
    if (url.pathname === '/api/v2/silences' && req.method === 'POST')
      return { status: 200, body: { silenceID: `silence-${++n}` } };
    return notFound;
  };
}

/** The engine API: engine-report.json, engine-alerts.json, engine-health.json. */
export function engineHandler(
  opts: {
    report?: unknown;
    alerts?: unknown;
    health?: unknown;
    healthStatus?: number;
    /** Answers `?include=alerts` as the engine does (the report with GET /alerts' list); else ignores it. */
    includeAlerts?: boolean;
  } = {},
): Handler {
  return (_req, url) => {
    if (url.pathname === '/api/v1/report') {
      const report = opts.report ?? fixture('engine-report.json');
      if (!opts.includeAlerts || url.searchParams.get('include') !== 'alerts')
        return { status: 200, body: report };
      const { alerts } = (opts.alerts ?? fixture('engine-alerts.json')) as { alerts: unknown };
      return { status: 200, body: { ...(report as object), alerts } };
    }
    if (url.pathname === '/alerts')
      return { status: 200, body: opts.alerts ?? fixture('engine-alerts.json') };
    if (url.pathname === '/health')
      return { status: opts.healthStatus ?? 200, body: opts.health ?? fixture('engine-health.json') };
    return notFound;
  };
}

/** A server that accepts requests and never answers. */
export const hangHandler: Handler = () => 'hang';

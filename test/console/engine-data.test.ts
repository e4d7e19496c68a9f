/** The engine poller's fetch: one request a refresh from an engine that sends its alerts with the report. */
import { afterEach, describe, expect, it } from 'vitest';
import { APART_REFRESHES, fetchEngine, togetherVerdict } from '../../src/console/data/engine-data.js';
import { createEngineClient, type EngineClient } from '../../src/sources/index.js';
import { engineHandler, fixture, hangHandler, serve, type TestServer } from '../sources/fixture-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const client = (s: TestServer, timeoutMs = 5_000): EngineClient =>
  createEngineClient({ url: s.url, timeoutMs });
const asked = (s: TestServer) => s.requests.map((r) => `${r.path}${r.query}`).sort();
const expected = fixture('engine-alerts.json') as { alerts: Array<{ name: string }> };
const names = expected.alerts.map((a) => a.name);
const report = fixture('engine-report.json') as { evaluatedAt: string };
/** The engine's handler, with `?include=alerts` answered by `combined` instead. */
const refusing = (combined: { status: number; body: unknown }) => {
  const engine = engineHandler();
  return serve((req, url, body) =>
    url.pathname === '/api/v1/report' && url.searchParams.has('include') ? combined : engine(req, url, body),
  );
};

describe('fetchEngine', () => {
  it('asks once a refresh when the engine sends the alerts with the report', async () => {
    server = await serve(engineHandler({ includeAlerts: true }));
    const ask = { apartFor: 0 };
    for (let i = 0; i < 3; i++) {
      const r = await fetchEngine(client(server), ask);
      if (!r.ok) throw new Error(r.error);
      expect(r.data.report?.evaluatedAt).toBe(report.evaluatedAt);
      expect(r.data.alerts?.map((a) => a.name)).toEqual(names);
      expect(r.data.report).not.toHaveProperty('alerts');
    }
    expect(asked(server)).toEqual(Array(3).fill('/api/v1/report?include=alerts'));
    expect(ask.apartFor).toBe(0);
  });

  it('asks GET /alerts too, apart for a while, when the engine sends the report alone; then together again', async () => {
    server = await serve(engineHandler());
    const ask = { apartFor: 0 };
    const first = await fetchEngine(client(server), ask);
    expect(first.ok && first.data.alerts?.map((a) => a.name)).toEqual(names);
    expect(ask.apartFor).toBe(APART_REFRESHES);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report?include=alerts']);
    server.requests.length = 0;
    const next = await fetchEngine(client(server), ask);
    expect(next.ok && next.data.report !== null && next.data.alerts !== null).toBe(true);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report']);
    // the engine upgraded under the console: together again once the while is over
    await server.close();
    server = await serve(engineHandler({ includeAlerts: true }));
    ask.apartFor = 1;
    await fetchEngine(client(server), ask);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report']);
    server.requests.length = 0;
    const again = await fetchEngine(client(server), ask);
    expect(again.ok && again.data.alerts?.map((a) => a.name)).toEqual(names);
    expect(asked(server)).toEqual(['/api/v1/report?include=alerts']);
  });

  it('a refusal of the parameter or an answer too big: the report and the alerts apart, as before', async () => {
    // a limit the plain answers fit in, and the combined one does not
    const maxBytes =
      Math.max(JSON.stringify(report).length, JSON.stringify(fixture('engine-alerts.json')).length) + 100;
    for (const combined of [
      { status: 400, body: { error: 'unknown parameter include' } },
      { status: 200, body: { ...report, alerts: [], pad: 'x'.repeat(maxBytes) } },
    ]) {
      server = await refusing(combined);
      const ask = { apartFor: 0 };
      const r = await fetchEngine(createEngineClient({ url: server.url, timeoutMs: 5_000, maxBytes }), ask);
      expect(r.ok && r.data.report?.evaluatedAt).toBe(report.evaluatedAt);
      expect(r.ok && r.data.alerts?.map((a) => a.name)).toEqual(names);
      expect(ask.apartFor).toBe(APART_REFRESHES);
      expect(asked(server)).toEqual(['/alerts', '/api/v1/report', '/api/v1/report?include=alerts']);
      await server.close();
      server = null;
    }
  });

  it('a report whose alerts cannot be read: the alerts asked apart, the report kept', async () => {
    for (const alerts of [5, {}, null]) {
      server = await refusing({ status: 200, body: { ...report, alerts } });
      const ask = { apartFor: 0 };
      const r = await fetchEngine(client(server), ask);
      expect(r.ok && r.data.report?.evaluatedAt).toBe(report.evaluatedAt);
      expect(r.ok && r.data.alerts?.map((a) => a.name)).toEqual(names);
      expect(ask.apartFor).toBe(APART_REFRESHES);
      await server.close();
      server = null;
    }
  });

  it('before the first evaluation (503): the alerts still, and together again next refresh', async () => {
    server = await serve((req, url, body) =>
      url.pathname === '/api/v1/report'
        ? { status: 503, body: { error: 'no evaluation yet; try again in a moment' } }
        : engineHandler()(req, url, body),
    );
    const ask = { apartFor: 0 };
    const r = await fetchEngine(client(server), ask);
    expect(r.ok && r.data.report === null && r.data.alerts !== null).toBe(true);
    expect(ask.apartFor).toBe(0);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report', '/api/v1/report?include=alerts']);
  });

  it('fails when the report, the alerts and the health all fail', async () => {
    server = await serve(() => ({ status: 500, body: { error: 'boom' } }));
    const r = await fetchEngine(client(server), { apartFor: 0 });
    expect(r.ok).toBe(false);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report', '/api/v1/report?include=alerts', '/health']);
  });

  it('an engine that does not answer: only the health asked after, not the report and the alerts', async () => {
    server = await serve(hangHandler);
    const r = await fetchEngine(client(server, 300), { apartFor: 0 });
    expect(r.ok || r.kind).toBe('timeout');
    expect(asked(server)).toEqual(['/api/v1/report?include=alerts', '/health']);
  });
});

describe('togetherVerdict', () => {
  it('reads each answer', () => {
    const ok = (alerts: [] | null) => ({ ok: true as const, fetchedAt: 0, data: { alerts } });
    const fail = (kind: 'http' | 'timeout' | 'unreachable' | 'bad-response', status?: number) => ({
      ok: false as const,
      kind,
      error: 'x',
      ...(status ? { status } : {}),
    });
    expect(togetherVerdict(ok([]))).toBe('together');
    expect(togetherVerdict(ok(null))).toBe('apart');
    expect(togetherVerdict(fail('http', 400))).toBe('apart');
    expect(togetherVerdict(fail('bad-response'))).toBe('apart');
    expect(togetherVerdict(fail('http', 503))).toBe('retry-apart');
    expect(togetherVerdict(fail('timeout'))).toBe('down');
    expect(togetherVerdict(fail('unreachable'))).toBe('down');
  });
});

/** The engine poller's fetch: one request a refresh from an engine that sends its alerts with the report. */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchEngine } from '../../src/console/data/engine-data.js';
import { createEngineClient } from '../../src/sources/index.js';
import { engineHandler, fixture, serve, type TestServer } from '../sources/fixture-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const client = (s: TestServer) => createEngineClient({ url: s.url, timeoutMs: 5_000 });
const asked = (s: TestServer) => s.requests.map((r) => `${r.path}${r.query}`).sort();
const expected = fixture('engine-alerts.json') as { alerts: Array<{ name: string }> };

describe('fetchEngine', () => {
  it('asks once a refresh when the engine sends the alerts with the report', async () => {
    server = await serve(engineHandler({ includeAlerts: true }));
    const memo = { together: true };
    for (let i = 0; i < 3; i++) {
      const r = await fetchEngine(client(server), memo);
      if (!r.ok) throw new Error(r.error);
      expect(r.data.report?.evaluatedAt).toBe(
        (fixture('engine-report.json') as { evaluatedAt: string }).evaluatedAt,
      );
      expect(r.data.alerts?.map((a) => a.name)).toEqual(expected.alerts.map((a) => a.name));
      expect(r.data.report).not.toHaveProperty('alerts');
    }
    expect(asked(server)).toEqual(Array(3).fill('/api/v1/report?include=alerts'));
    expect(memo.together).toBe(true);
  });

  it('asks GET /alerts too, from then on at once, when the engine sends the report alone', async () => {
    server = await serve(engineHandler());
    const memo = { together: true };
    const first = await fetchEngine(client(server), memo);
    expect(first.ok && first.data.alerts?.map((a) => a.name)).toEqual(expected.alerts.map((a) => a.name));
    expect(memo.together).toBe(false);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report?include=alerts']);
    server.requests.length = 0;
    const next = await fetchEngine(client(server), memo);
    expect(next.ok && next.data.report !== null && next.data.alerts !== null).toBe(true);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report']);
  });

  it('before the first evaluation (503): the alerts still, the health not asked', async () => {
    server = await serve((_req, url) =>
      url.pathname === '/api/v1/report'
        ? { status: 503, body: { error: 'no evaluation yet; try again in a moment' } }
        : engineHandler()(_req, url, ''),
    );
    const memo = { together: true };
    const r = await fetchEngine(client(server), memo);
    expect(r.ok && r.data.report === null && r.data.alerts !== null).toBe(true);
    // a 503 says nothing about the parameter: the next refresh asks together again
    expect(memo.together).toBe(true);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report?include=alerts']);
  });

  it('fails when the report, the alerts and the health all fail', async () => {
    server = await serve(() => ({ status: 500, body: { error: 'boom' } }));
    const r = await fetchEngine(client(server), { together: true });
    expect(r.ok).toBe(false);
    expect(asked(server)).toEqual(['/alerts', '/api/v1/report?include=alerts', '/health']);
  });
});

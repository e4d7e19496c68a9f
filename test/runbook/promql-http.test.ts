import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promInstantQuery } from '../../src/cli/runbook-session.js';
import { freePort } from '../helpers/prometheus.js';
import { realDeps, run, runbook } from './helpers.js';

// A real local HTTP server: a tiny Prometheus API (/api/v1/query) plus a few endpoints for http steps.
let server: Server;
let base = '';
// A port nothing listens on: bound, then released (port 1 would be refused by fetch itself as a "bad port").
let closed = '';
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

const VECTORS: Record<string, unknown> = {
  latency: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.042'] }] },
  slow: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.18'] }] },
  critical: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.3'] }] },
  models: {
    resultType: 'vector',
    result: [
      { metric: { model: 'a' }, value: [1700000000, '0.05'] },
      { metric: { model: 'b' }, value: [1700000000, '0.12'] },
    ],
  },
  empty: { resultType: 'vector', result: [] },
  scalar: { resultType: 'scalar', result: [1700000000, '7'] },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, doc: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(doc));
      };
      if (url.pathname === '/api/v1/query') {
        const q = url.searchParams.get('query') ?? '';
        if (q === 'bad(') return json(400, { status: 'error', errorType: 'bad_data', error: 'parse error' });
        const data = VECTORS[q];
        return data
          ? json(200, { status: 'success', data })
          : json(200, { status: 'success', data: VECTORS.empty });
      }
      if (url.pathname === '/health') return json(200, { status: 'healthy', checks: { db: true } });
      if (url.pathname === '/sick') return json(503, { status: 'unhealthy', checks: { db: false } });
      if (url.pathname === '/alerts')
        return json(200, { alerts: [{ state: 'firing', labels: { alertname: 'HighErrorRatio' } }] });
      if (url.pathname.startsWith('/echo')) return json(200, { path: url.pathname, query: url.search });
      json(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closed = `http://127.0.0.1:${await freePort()}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// `%{NAME}` in these runbook texts stands for `${NAME}` (kept out of string literals for the linter).
const d = (s: string) => s.replaceAll('%{', '$' + '{');

const promDeps = () => realDeps({ promQuery: promInstantQuery(base) });

describe('promql steps against a local Prometheus API', () => {
  it('judges the value: PASS, WARN, FAIL', async () => {
    const rb = runbook(
      ['latency', 'slow', 'critical']
        .map((q) => `## ${q}\n\`\`\`promql {"expect": {"below": 0.25, "warnAbove": 0.1}}\n${q}\n\`\`\``)
        .join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { deps: promDeps() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['PASS', '0.042'],
      ['WARN', '0.18, above 0.1'],
      ['FAIL', '0.3, not below 0.25'],
    ]);
    expect(record.steps[0]!.stdout).toBe('(value) 0.042');
  });

  it('judges every series and names the worst one; a scalar is one value', async () => {
    const rb = runbook(
      '## models\n```promql {"expect": {"below": 0.25, "warnAbove": 0.1}}\nmodels\n```\n## scalar\n```promql {"expect": {"equals": 7}}\nscalar\n```\n',
    );
    const { record } = await run(rb, { deps: promDeps() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['WARN', 'model=b: 0.12, above 0.1'],
      ['PASS', '7'],
    ]);
    expect(record.steps[0]!.stdout).toBe('{model="a"} 0.05\n{model="b"} 0.12');
  });

  it('no data: WARN by default, or as noData says; rows counts series', async () => {
    const rb = runbook(
      [
        '## a\n```promql {"expect": {"below": 1}}\nempty\n```',
        '## b\n```promql {"expect": {"below": 1, "noData": "pass"}}\nempty\n```',
        '## c\n```promql {"expect": {"below": 1, "noData": "skip"}}\nempty\n```',
        '## d\n```promql {"expect": {"rows": {"atMost": 1}}}\nmodels\n```',
      ].join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { deps: promDeps() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['WARN', 'no data'],
      ['PASS', 'no data'],
      ['SKIPPED', 'no data'],
      ['FAIL', 'rows: 2, above the maximum 1 (model=a, model=b)'],
    ]);
  });

  it('a query error FAILs with the message; no Prometheus SKIPs', async () => {
    const rb = runbook('## bad\n```promql\nbad(\n```\n');
    const failed = await run(rb, { deps: promDeps() });
    expect(failed.step.status).toBe('FAIL');
    expect(failed.step.reason).toMatch(/^query failed: .*(400|parse error)/);
    const none = await run(rb);
    expect(none.step).toMatchObject({ status: 'SKIPPED', reason: 'no Prometheus configured' });
    // No answer is not a failed query: SKIPPED, marked unreachable with the base URL (no encoded PromQL).
    const down = await run(rb, { deps: realDeps({ promQuery: promInstantQuery(closed) }) });
    expect(down.step).toMatchObject({
      status: 'SKIPPED',
      reason: `unreachable: Prometheus: ${closed}: ECONNREFUSED`,
      unreachable: `Prometheus: ${closed}: ECONNREFUSED`,
    });
    expect(down.record.status).toBe('UNREACHABLE');
  });
});

describe('http steps against a local server', () => {
  const env = () => ({ PATH: process.env.PATH, MMOPS_ENGINE_URL: base });

  it('judges the status (2xx by default) and the body', async () => {
    const rb = runbook(
      [
        d('## health\n```http\nGET %{MMOPS_ENGINE_URL}/health\n```'),
        d('## sick\n```http\n%{MMOPS_ENGINE_URL}/sick\n```'),
        '## sick ok\n```http {"expect": {"status": [200], "warnStatus": [503]}}\nGET $MMOPS_ENGINE_URL/sick\n```',
        d(
          '## alerts\n```http {"expect": {"warnIfMatches": "\\"state\\":\\"firing\\""}}\nGET %{MMOPS_ENGINE_URL}/alerts\n```',
        ),
        d(
          '## contains\n```http {"expect": {"contains": "healthy", "notContains": "unhealthy"}}\nGET %{MMOPS_ENGINE_URL}/health\n```',
        ),
      ].join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { env: env() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['PASS', 'HTTP 200'],
      ['FAIL', 'HTTP 503 (expected 200)'],
      ['WARN', 'HTTP 503'],
      // the reason quotes where it matched: which alert fires
      ['WARN', 'output matches /"state":"firing"/: "{"alerts":[{"state":"firing","labels":{"alertname":"…"'],
      ['PASS', 'HTTP 200'],
    ]);
    expect(record.steps[0]!.stdout).toContain('"status":"healthy"');
  });

  it('sends method, headers and body; a label is percent-encoded, never re-shapes the URL', async () => {
    seen.length = 0;
    const rb = runbook(
      d(
        '## post\n```http\nPOST %{MMOPS_ENGINE_URL}/echo/%{MMOPS_ALERT_INSTANCE}?m=$MMOPS_PARAM_MODEL\nContent-Type: application/json\nX-Alert: %{MMOPS_ALERT_ALERTNAME}\n\n{"probe": true}\n```\n',
      ),
      'params:\n  model: "a&b=c"\n',
    );
    const { step } = await run(rb, {
      env: env(),
      labels: { instance: '../../admin?x=1#', alertname: 'HighLatency' },
    });
    expect(step.status).toBe('PASS');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/echo/..%2F..%2Fadmin%3Fx%3D1%23?m=a%26b%3Dc',
      body: '{"probe": true}',
    });
    expect(seen[0]!.headers['x-alert']).toBe('HighLatency');
  });

  it('an unset variable FAILs with the reason; an unreachable server is UNREACHABLE, not FAIL', async () => {
    const rb = runbook(d('## a\n```http\nGET %{MMOPS_GRAFANA_URL}/api/health\n```\n'));
    expect((await run(rb, { env: env() })).step).toMatchObject({
      status: 'FAIL',
      reason: 'MMOPS_GRAFANA_URL is not set',
    });
    const down = await run(rb, { env: { MMOPS_GRAFANA_URL: closed } });
    expect(down.step).toMatchObject({
      status: 'SKIPPED',
      reason: `unreachable: GET ${closed}/api/health: ECONNREFUSED`,
      unreachable: `GET ${closed}/api/health: ECONNREFUSED`,
    });
  });

  it('unreachable: WARN, FAIL or plain SKIPPED when the step says so; an answer is still judged', async () => {
    const block = (u: string) =>
      runbook(
        d(
          `## a\n\`\`\`http {"expect": {"status": 200, "unreachable": "${u}"}}\nGET %{MMOPS_GRAFANA_URL}/sick\n\`\`\`\n`,
        ),
      );
    const down = { env: { MMOPS_GRAFANA_URL: closed } };
    expect((await run(block('warn'), down)).step.status).toBe('WARN');
    expect((await run(block('fail'), down)).step.status).toBe('FAIL');
    const skipped = (await run(block('skip'), down)).step;
    expect(skipped).toMatchObject({
      status: 'SKIPPED',
      reason: `unreachable: GET ${closed}/sick: ECONNREFUSED`,
    });
    // the step declared the component optional: the run is not UNREACHABLE because of it
    expect(skipped.unreachable).toBeUndefined();
    // A server that answers 503 is not unreachable: the status decides.
    expect((await run(block('skip'), { env: { MMOPS_GRAFANA_URL: base } })).step).toMatchObject({
      status: 'FAIL',
      reason: 'HTTP 503 (expected 200)',
    });
  });
});

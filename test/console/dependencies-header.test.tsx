// The header lists every configured dependency with its state, and the help the URLs in use (issue 12,
// points 1 and 7): a real HTTP server stands in for Grafana, MLflow's port is closed, the database's too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { App } from '../../src/console/app.js';
import { dependencySegment, endpointHelpLines } from '../../src/console/components/dependency-line.js';
import { dependencyPoller } from '../../src/console/data/dependency-poller.js';
import { freePort } from '../helpers/prometheus.js';
import { fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const visible = (s: string) => s.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

let grafana: Server;
let grafanaUrl = '';
let closed = '';
beforeAll(async () => {
  grafana = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/api/health' ? '{"database":"ok"}' : '{}');
  });
  await new Promise<void>((r) => grafana.listen(0, '127.0.0.1', r));
  grafanaUrl = `http://127.0.0.1:${(grafana.address() as AddressInfo).port}`;
  closed = `127.0.0.1:${await freePort()}`;
});
afterAll(() => new Promise<void>((r) => grafana.close(() => r())));
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('dependencySegment', () => {
  const check = (service: 'grafana' | 'database', state: 'healthy' | 'unreachable') => ({
    service,
    url: '',
    state,
    detail: '',
    ms: null,
  });

  it('lists each configured extra dependency with its mark, coloured by the worst', () => {
    const checks = [check('grafana', 'healthy'), check('database', 'unreachable')];
    expect(dependencySegment(['engine', 'grafana', 'database'], checks)).toEqual({
      text: 'grafana ✔  db ✖',
      state: 'critical',
    });
    expect(dependencySegment(['grafana', 'database'], checks, true)?.text).toBe('graf✔ db✖');
    expect(dependencySegment(['grafana'], null)).toEqual({ text: 'grafana ?', state: 'unknown' });
    expect(dependencySegment(['engine', 'prometheus'], checks)).toBeNull();
  });
});

describe('endpointHelpLines', () => {
  it('lists the URLs, marking the running demo’s and naming its state file once', () => {
    expect(
      endpointHelpLines([
        { name: 'engine', url: 'http://127.0.0.1:44807', demoStateFile: '/s/mmops/demo.json' },
        { name: 'grafana', url: 'http://g:3000' },
      ]),
    ).toEqual([
      'URLs in use',
      '  engine   http://127.0.0.1:44807  (from the running demo)',
      '  grafana  http://g:3000',
      "  (the running demo's: /s/mmops/demo.json)",
    ]);
    expect(endpointHelpLines([])).toEqual([]);
  });
});

describe('the console with Grafana up, MLflow and the database down', () => {
  it('shows each in the header at 80 columns, and the URLs in the help', async () => {
    const base = loadConfig({ env: {}, home: '/nonexistent' }).config;
    const config = {
      ...base,
      sources: {
        ...base.sources,
        grafana_url: grafanaUrl,
        mlflow_url: `http://${closed}`,
        timeout_seconds: 2,
      },
      storage: { ...base.storage, database_url: `postgres://u:secret@${closed}/db` },
    };
    const deps = dependencyPoller(config, 2000)!;
    expect(deps.names).toEqual(['grafana', 'mlflow', 'database']);
    deps.poller.start();
    try {
      const f = fixtureStore();
      await f.refresh();
      const endpoints = [
        { name: 'engine', url: 'http://127.0.0.1:44807', demoStateFile: '/s/mmops/demo.json' },
        { name: 'database', url: `postgres://u:***@${closed}/db` },
      ];
      const r = render(
        <App
          store={f.store}
          size={{ columns: 80, rows: 24 }}
          color={false}
          now={() => NOW}
          dependencies={deps}
          endpoints={endpoints}
        />,
      );
      unmount = r.unmount;
      const until = Date.now() + 10_000;
      let header = '';
      while (Date.now() < until) {
        header = visible(r.lastFrame() ?? '').split('\n')[0] ?? '';
        if (/graf✔ mlf✖ db✖|grafana ✔ {2}mlflow ✖ {2}db ✖/.test(header)) break;
        await tick(100);
      }
      expect(header, header).toMatch(/graf✔ mlf✖ db✖|grafana ✔ {2}mlflow ✖ {2}db ✖/);
      expect(header.length).toBeLessThanOrEqual(80);
      r.stdin.write('?');
      await tick();
      const help = visible(r.lastFrame() ?? '');
      expect(help).toContain('URLs in use');
      expect(help).toContain('engine    http://127.0.0.1:44807  (from the running demo)');
      expect(help).not.toContain('secret');
    } finally {
      deps.poller.stop();
    }
  }, 20_000);
});

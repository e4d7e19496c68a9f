/**
 * The demo can be found (issue 12, point 7): a real `mmops demo` pushed off its default engine port writes
 * its URLs to the XDG state file, `mmops status` from another process finds it and says so on stderr, a URL
 * that is configured wins, and the file is gone once the demo exits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDemoState, loadConfig, readDemoState, writeDemoState } from '../../src/config/index.js';
import { tempDir } from '../engine/helpers/engine.js';
import { mmops } from '../helpers/run-cli.js';
import { eventually, type Running, spawnMmops } from './helpers/long-running.js';

const home = tempDir('mmops-demo-state-');
const stateDir = join(home.dir, 'state');
const stateFile = join(stateDir, 'mmops', 'demo.json');
const env = { HOME: home.dir, XDG_STATE_HOME: stateDir, PATH: `/usr/bin:${process.env.PATH ?? ''}` };
let demo: Running;
let blocker: Server | undefined;

beforeAll(async () => {
  // Hold the engine's default port so the demo must pick another (if someone else holds it, so much the same).
  blocker = await new Promise<Server | undefined>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen(8000, '127.0.0.1', () => resolve(s));
  });
  demo = spawnMmops(['demo', '--no-console'], env);
  await eventually(
    async () => /demo: URLs in /.test(demo.err()) || demo.child.exitCode !== null,
    60_000,
    'the demo to write its state file',
  );
}, 90_000);

afterAll(async () => {
  if (demo && demo.child.exitCode === null) {
    demo.child.kill('SIGKILL');
    await demo.child;
  }
  blocker?.close();
  home.remove();
});

describe('the demo state file', () => {
  it('holds the URLs the demo really listens on, none of them the default engine port', () => {
    expect(demo.err()).toContain(`demo: URLs in ${stateFile}`);
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    const engineLine = /demo: engine on (http:\/\/\S+)/.exec(demo.err())?.[1];
    expect(state.urls.engine_url).toBe(engineLine);
    expect(state.urls.engine_url).not.toBe('http://127.0.0.1:8000');
    expect(state.pid).toBeGreaterThan(0);
  });

  it('mmops status from another process uses it when no URL is configured, and says so', async () => {
    const { urls } = JSON.parse(readFileSync(stateFile, 'utf8'));
    const r = await mmops(['status', '--json'], env);
    expect(r.stderr).toContain(`mmops: using the running demo's engine ${urls.engine_url}`);
    expect(r.stderr).toContain(`(from ${stateFile})`);
    // It reached the demo's engine: the engine source answered.
    expect(r.stdout).toContain(urls.engine_url);
    expect(r.code).not.toBe(2);
    const health = await mmops(['diag', 'health', '--require', 'engine', '--json'], env);
    const engine = JSON.parse(health.stdout).checks.find((c: { service: string }) => c.service === 'engine');
    expect(engine).toMatchObject({ url: urls.engine_url, state: 'healthy' });
  });

  it('a URL set by a variable wins over the demo, and that source is not announced', async () => {
    const r = await mmops(['diag', 'health', '--require', 'engine', '--json'], {
      ...env,
      ENGINE_URL: 'http://127.0.0.1:9',
    });
    expect(r.stderr).not.toContain("demo's engine");
    const engine = JSON.parse(r.stdout).checks.find((c: { service: string }) => c.service === 'engine');
    expect(engine.url).toBe('http://127.0.0.1:9');
    expect(r.code).toBe(3);
  });

  it('is removed when the demo exits', async () => {
    demo.child.kill('SIGINT');
    await demo.child;
    expect(existsSync(stateFile)).toBe(false);
  }, 30_000);
});

describe('applyDemoState', () => {
  it('replaces only values from the shipped defaults; a dead pid is ignored', () => {
    const loaded = loadConfig({ env: { PROMETHEUS_URL: 'http://prom:9090' }, home: home.dir });
    const state = {
      pid: process.pid,
      startedAt: '',
      urls: { engine_url: 'http://127.0.0.1:8001', prometheus_url: 'http://127.0.0.1:9091' },
    };
    const { config, used } = applyDemoState(loaded.config, loaded.origins, loaded.files[0]!, state);
    expect(used).toEqual(['engine_url']);
    expect(config.sources.engine_url).toBe('http://127.0.0.1:8001');
    expect(config.sources.prometheus_url).toBe('http://prom:9090');
    expect(readDemoState(join(home.dir, 'missing.json'))).toBeNull();
    // A demo killed with -9 leaves its file: a pid no process has must not send commands to dead ports.
    const stale = join(home.dir, 'stale.json');
    writeDemoState(stale, { ...state, pid: 2 ** 31 - 1 });
    expect(readDemoState(stale)).toBeNull();
    writeDemoState(stale, state);
    expect(readDemoState(stale)?.urls.engine_url).toBe('http://127.0.0.1:8001');
  });
});

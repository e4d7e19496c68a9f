/**
 * The demo's optional real components: Prometheus (scraping the engine every 2 s) and Alertmanager, each
 * on loopback with a free port and a temp dir, started only when the binary is on PATH.
 */
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { claimDir, claimPort } from './port-claims.js';

/** The first executable named `name` on PATH, or null. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The port bound on 127.0.0.1 and closed at once (for 0, the kernel's pick); null when it is in use. */
function probe(port: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(null);
      else reject(err);
    });
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const bound = typeof addr === 'object' && addr ? addr.port : port;
      srv.close(() => resolve(bound));
    });
  });
}

/**
 * A free TCP port on 127.0.0.1 (`preferred` when it is free), claimed for this process (port-claims.ts) so
 * that another demo starting at the same moment does not take it too.
 */
export async function freePort(preferred = 0): Promise<number> {
  let candidate = preferred;
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await probe(candidate);
    if (port !== null && claimPort(port)) return port;
    candidate = 0;
  }
  throw new Error(`no free port on 127.0.0.1 after 20 tries (claims in ${claimDir()})`);
}

/** One started component. */
export interface Component {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ResultPromise, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready within ${timeoutMs / 1000} s`);
}

function component(name: string, url: string, child: ResultPromise): Component {
  child.catch(() => undefined); // a kill at stop() rejects the promise; that is the plan
  return {
    name,
    url,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([child.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Starts Alertmanager when installed; null when it is not on PATH. */
export async function startAlertmanager(dir: string): Promise<Component | null> {
  const bin = onPath('prometheus-alertmanager') ?? onPath('alertmanager');
  if (!bin) return null;
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'alertmanager.yml');
  // The demo's notices go nowhere: the engine already sends email and Slack itself.
  writeFileSync(config, "route:\n  receiver: 'null'\n  group_wait: 2s\nreceivers:\n  - name: 'null'\n");
  // The default ports when free, so mmops' default sources.* URLs (and the runbooks) find the demo stack.
  const port = await freePort(9093);
  const child = execa(
    bin,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { reject: false, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, child);
  return component('alertmanager', url, child);
}

/** Starts Prometheus scraping `engine` (host:port) every 2 s when installed; null when not on PATH. */
export async function startPrometheus(
  dir: string,
  engine: string,
  alertmanager: string | null,
  rules: readonly string[],
): Promise<Component | null> {
  const bin = onPath('prometheus');
  if (!bin) return null;
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'prometheus.yml');
  const port = await freePort(9090);
  const lines = [
    'global:',
    '  scrape_interval: 2s',
    '  evaluation_interval: 2s',
    'scrape_configs:',
    // The production job name: the generated rules (EngineDown, absent(up)) select job="market_master".
    '  - job_name: market_master',
    '    static_configs:',
    `      - targets: ['${engine}']`,
    // Prometheus itself, as in prometheus/prometheus.yml: EngineTargetMissing fires only once Prometheus
    // has scraped something, so it needs a target of its own besides the engine.
    '  - job_name: prometheus',
    '    static_configs:',
    `      - targets: ['127.0.0.1:${port}']`,
  ];
  const present = rules.filter((r) => existsSync(r));
  if (present.length) lines.push('rule_files:', ...present.map((r) => `  - ${r}`));
  if (alertmanager) {
    lines.push(
      'alerting:',
      '  alertmanagers:',
      '    - static_configs:',
      `        - targets: ['${alertmanager.replace(/^https?:\/\//, '')}']`,
    );
  }
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child = execa(
    bin,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { reject: false, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, child);
  return component('prometheus', url, child);
}

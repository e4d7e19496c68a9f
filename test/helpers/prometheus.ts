/**
 * Real Prometheus and Alertmanager for tests: each on a free loopback port with its own temp dir, waited
 * on until ready, killed on stop. A missing binary throws (in CI that is a failure, never a skip).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

/** The Debian packages' binaries (`prometheus`, `prometheus-alertmanager`). */
export const BINARIES = {
  prometheus: '/usr/bin/prometheus',
  promtool: '/usr/bin/promtool',
  alertmanager: '/usr/bin/prometheus-alertmanager',
  amtool: '/usr/bin/amtool',
} as const;

/** The binary's path; throws naming the Debian package when it is not installed. */
export function requireBinary(name: keyof typeof BINARIES): string {
  const path = BINARIES[name];
  if (!existsSync(path)) {
    const pkg = name === 'alertmanager' || name === 'amtool' ? 'prometheus-alertmanager' : 'prometheus';
    throw new Error(
      `${path} is missing: install the Debian package ${pkg} (npm test's pretest does it as root)`,
    );
  }
  return path;
}

/** A free TCP port on 127.0.0.1 (bound and released; the caller binds it next). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running server process. */
export interface RunningServer {
  url: string;
  port: number;
  /** Its temp dir: config, rule files and storage. */
  dir: string;
  /** stdout and stderr so far, for failure messages. */
  logs(): string;
  /** Kills the process and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** prometheus.yml text, or a function of the chosen port (for a self-scrape). File names resolve in `dir`. */
  config: string | ((port: number) => string);
  /** Extra files written into the temp dir first (rule files), by name. */
  files?: Record<string, string>;
  extraArgs?: string[];
  /** Runs on the temp dir before start, e.g. to backfill blocks into `<dir>/data` with promtool. */
  prepare?: (dir: string) => void;
}

/** Starts Prometheus on 127.0.0.1 and waits for /-/ready. */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningServer> {
  const bin = requireBinary('prometheus');
  return startServer(
    'mmops-prometheus-',
    opts.files ?? {},
    (dir, port) => {
      const config = typeof opts.config === 'function' ? opts.config(port) : opts.config;
      writeFileSync(join(dir, 'prometheus.yml'), config);
      return [
        bin,
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
        ...(opts.extraArgs ?? []),
      ];
    },
    opts.prepare,
  );
}

export interface AlertmanagerOptions {
  /** alertmanager.yml text. */
  config: string;
  extraArgs?: string[];
}

/** Starts Alertmanager on 127.0.0.1 without clustering and waits for /-/ready. */
export async function startAlertmanager(opts: AlertmanagerOptions): Promise<RunningServer> {
  const bin = requireBinary('alertmanager');
  return startServer('mmops-alertmanager-', {}, (dir, port) => {
    writeFileSync(join(dir, 'alertmanager.yml'), opts.config);
    return [
      bin,
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      ...(opts.extraArgs ?? []),
    ];
  });
}

const READY_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

/**
 * Writes files into a temp dir, starts argv on a free port, waits for /-/ready; retries a port taken
 * meanwhile. Exported for the other servers that answer /-/ready (VictoriaMetrics).
 */
export async function startServer(
  prefix: string,
  files: Record<string, string>,
  argv: (dir: string, port: number) => string[],
  prepare?: (dir: string) => void,
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  prepare?.(dir);
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const [bin, ...args] = argv(dir, port);
    let output = '';
    const child: ResultPromise = execa(bin!, args, { cwd: dir, reject: false, all: true, cleanup: true });
    child.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    let stopped = false;
    const stop = async () => {
      if (!stopped) {
        stopped = true;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await child;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitReady(url, child);
      return { url, port, dir, logs: () => output, stop };
    } catch (err) {
      await stop().catch(() => {});
      lastError = new Error(`${bin} did not become ready: ${(err as Error).message}\n${output.slice(-4000)}`);
      if (!/address already in use/.test(output)) break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

async function waitReady(url: string, child: ResultPromise): Promise<void> {
  let exited = false;
  void child.then(() => {
    exited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error('the process exited');
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${READY_TIMEOUT_MS} ms`);
}

/** One instant query; throws with Prometheus' error text when the query fails. */
export async function instantQuery(prometheusUrl: string, query: string): Promise<unknown[]> {
  const res = await fetch(`${prometheusUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }),
  });
  const body = (await res.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}

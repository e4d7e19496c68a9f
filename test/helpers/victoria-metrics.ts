/**
 * A real VictoriaMetrics (Debian `victoria-metrics`, single node) for tests: on a free loopback port with a
 * temp dir, scraping what `scrapeConfig` says (its -promscrape.config is Prometheus' scrape_configs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningServer, startServer } from './prometheus.js';

/** The Debian package's binary. */
export const VICTORIA_METRICS = '/usr/bin/victoria-metrics';

export interface VictoriaMetricsOptions {
  /** The promscrape config (Prometheus' `global` + `scrape_configs` YAML). */
  scrapeConfig: string;
  extraArgs?: string[];
}

/** Starts VictoriaMetrics on 127.0.0.1 and waits for /-/ready; a missing binary throws naming the package. */
export async function startVictoriaMetrics(opts: VictoriaMetricsOptions): Promise<RunningServer> {
  if (!existsSync(VICTORIA_METRICS)) {
    throw new Error(
      `${VICTORIA_METRICS} is missing: install the Debian package victoria-metrics (npm test's pretest does it as root)`,
    );
  }
  return startServer('mmops-victoria-metrics-', { 'scrape.yml': opts.scrapeConfig }, (dir, port) => [
    VICTORIA_METRICS,
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${join(dir, 'data')}`,
    `-promscrape.config=${join(dir, 'scrape.yml')}`,
    ...(opts.extraArgs ?? []),
  ]);
}

/**
 * Imports samples in the Prometheus text format with millisecond timestamps (`name{l="v"} value ts`),
 * VictoriaMetrics' backfill, then waits until `probe` (a PromQL selector) answers, as imports are
 * searchable only after the next in-memory flush.
 */
export async function importSamples(url: string, lines: string[], probe: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/import/prometheus`, {
    method: 'POST',
    body: `${lines.join('\n')}\n`,
  });
  if (res.status !== 204) throw new Error(`import: HTTP ${res.status} ${await res.text()}`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    // range over the whole import, not an instant: the newest imported sample may be older than the lookback
    const q = new URLSearchParams({ query: `count(count_over_time(${probe}[1d]))` });
    const body = (await (await fetch(`${url}/api/v1/query?${q}`)).json()) as { data: { result: unknown[] } };
    if (body.data.result.length > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`import: ${probe} not searchable after 20 s`);
}

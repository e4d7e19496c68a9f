/**
 * A real node-exporter (Debian `prometheus-node-exporter`) for tests: a free loopback port, a temp dir that
 * is also its textfile-collector directory, and only the collectors asked for (the rest are slow or noisy).
 */
import { existsSync } from 'node:fs';
import { type RunningServer, startServer } from './prometheus.js';

/** The Debian package's binary. */
export const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';

export interface NodeExporterOptions {
  /** Collectors to enable besides `textfile` (e.g. cpu, meminfo, filesystem). */
  collectors: string[];
  /** `*.prom` files for the textfile collector, by name: a host's own series or labels. */
  textfiles: Record<string, string>;
}

/** Starts node-exporter on 127.0.0.1; a missing binary throws naming the package. */
export async function startNodeExporter(opts: NodeExporterOptions): Promise<RunningServer> {
  if (!existsSync(NODE_EXPORTER)) {
    throw new Error(
      `${NODE_EXPORTER} is missing: install the Debian package prometheus-node-exporter (npm test's pretest does it as root)`,
    );
  }
  // it answers every path with its landing page, so startServer's /-/ready wait works as for Prometheus
  return startServer('mmops-node-exporter-', opts.textfiles, (dir, port) => [
    NODE_EXPORTER,
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    '--collector.textfile',
    `--collector.textfile.directory=${dir}`,
    ...opts.collectors.map((c) => `--collector.${c}`),
  ]);
}

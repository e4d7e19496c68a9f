/**
 * `mmops diag resources --fleet`: every host whose node-exporter Prometheus scrapes, its CPU, memory and disk
 * use, and which hosts are over their levels (config thresholds.*_utilization_ratio).
 */
import type { Command } from 'commander';
import { type HostVerdict, judgeFleet, levelBook } from '../monitor/index.js';
import { createPrometheusClient, fetchFleet, unanswered } from '../sources/index.js';
import { configFor, printJson } from './config-option.js';
import { EXIT } from './exit.js';
import { pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  json?: boolean;
}

/** Runs it: exit 0 every host ok, 1 a host over a level (or none found), 3 Prometheus unreachable. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const url = config.sources.prometheus_url;
  const r = await fetchFleet(
    createPrometheusClient({ url, timeoutMs: config.sources.timeout_seconds * 1000 }),
  );
  if (!r.ok) {
    process.stderr.write(`mmops: prometheus ${r.error}\n`);
    return unanswered(r) ? EXIT.unreachable : EXIT.usage;
  }
  const book = levelBook(config);
  // the market-maker rows (thresholds.*_utilization_ratio), as the resource alerts use them
  const levels = { cpu: book.cpu, memory: book.memory, disk: book.disk };
  const hosts = judgeFleet(r.data, levels);
  const over = hosts.filter((h) => h.state === 'warning' || h.state === 'critical');
  if (opts.json) {
    const shown = Object.fromEntries(
      Object.entries(levels).map(([k, l]) => [
        k,
        { warning: l.warning, critical: l.critical, direction: l.direction },
      ]),
    );
    printJson({ prometheus: url, levels: shown, hosts, over: over.map((h) => h.host) });
  } else printText(hosts, over, url);
  // No host at all is a finding too: a fleet nobody scrapes must not read as healthy.
  return over.length > 0 || hosts.length === 0 ? EXIT.finding : EXIT.ok;
}

function printText(hosts: HostVerdict[], over: HostVerdict[], url: string): void {
  if (hosts.length === 0) {
    process.stdout.write(
      `no hosts: ${url} has no node-exporter series (node_cpu_seconds_total, node_memory_*, node_filesystem_*)\n`,
    );
    return;
  }
  const rows = hosts.map((h) => [h.host, pct(h.cpu), pct(h.memory), pct(h.disk), h.state.toUpperCase()]);
  process.stdout.write(`${textTable(['host', 'cpu', 'memory', 'disk', 'state'], rows)}\n\n`);
  if (over.length === 0) {
    process.stdout.write(`no host over its levels (${hosts.length} hosts)\n`);
    return;
  }
  process.stdout.write(`over their levels: ${over.length} of ${hosts.length} hosts\n`);
  for (const h of over) {
    const why = h.over.map((o) => `${o.resource} ${pct(o.value)} > ${o.state} ${pct(o.level)}`).join(', ');
    process.stdout.write(`  ${h.host}  ${h.state.toUpperCase()}  ${why}\n`);
  }
}

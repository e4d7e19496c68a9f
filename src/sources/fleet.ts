/** The fleet as Prometheus sees it through node-exporter: each scraped host's CPU, memory and disk use. */
import type { PrometheusClient, PromSample } from './prometheus.js';
import type { SourceResult } from './result.js';

// Pseudo and container filesystems say nothing about a host's disks.
const NODE_FS = 'fstype!~"tmpfs|overlay|squashfs|devtmpfs"';

/** node-exporter's utilisation ratios (0-1) by `instance`: one PromQL per resource, shared with the console. */
export const NODE_QUERIES = {
  cpu: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
  memory: 'max by (instance) (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)',
  disk: `max by (instance) (1 - node_filesystem_avail_bytes{${NODE_FS}} / node_filesystem_size_bytes{${NODE_FS}})`,
} as const;

/** A node-exporter resource. */
export type NodeResource = keyof typeof NODE_QUERIES;

/** One host's use of each resource (0-1); null when its exporter does not report it. */
export interface FleetHost {
  /** The `instance` label: host:port of its node-exporter. */
  host: string;
  cpu: number | null;
  memory: number | null;
  disk: number | null;
}

/**
 * Each host with any node-exporter figure, sorted by name. The three queries run at once; the result fails
 * (never rejects) when one does, since a fleet with a resource missing would read as healthy.
 */
export async function fetchFleet(client: PrometheusClient): Promise<SourceResult<FleetHost[]>> {
  const resources = Object.keys(NODE_QUERIES) as NodeResource[];
  const results = await Promise.all(resources.map((r) => client.instant(NODE_QUERIES[r])));
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) return failed;
  const hosts = new Map<string, FleetHost>();
  resources.forEach((resource, i) => {
    const r = results[i];
    for (const s of r?.ok ? r.data : ([] as PromSample[])) {
      const host = s.labels.instance ?? '?';
      const h = hosts.get(host) ?? { host, cpu: null, memory: null, disk: null };
      h[resource] = Number.isFinite(s.value) ? s.value : null;
      hosts.set(host, h);
    }
  });
  const fetchedAt = Math.max(...results.map((r) => (r.ok ? r.fetchedAt : 0)));
  return { ok: true, data: [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host)), fetchedAt };
}

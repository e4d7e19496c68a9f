/**
 * A fleet of two real node-exporters scraped by a real Prometheus, and `mmops diag resources --fleet`
 * naming the host over its levels. Host "ingest" reports this machine (cpu, meminfo, filesystem
 * collectors); host "batch" reports CPU only, and its memory and a nearly full data disk through its
 * textfile collector, as a busier machine would. CPU levels are set out of reach in the test config: this
 * machine's real CPU load is not the test's to choose.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, fetchFleet } from '../../src/sources/index.js';
import { startNodeExporter } from '../helpers/node-exporter.js';
import { type RunningServer, startPrometheus } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';

const GiB = 1024 ** 3;
const BATCH_TEXTFILE = [
  '# TYPE node_fleet_role gauge',
  'node_fleet_role{role="batch"} 1',
  '# TYPE node_memory_MemTotal_bytes gauge',
  `node_memory_MemTotal_bytes ${64 * GiB}`,
  '# TYPE node_memory_MemAvailable_bytes gauge',
  `node_memory_MemAvailable_bytes ${9.6 * GiB}`, // 85 % used: over the 75 % warning, under 90 % critical
  '# TYPE node_filesystem_size_bytes gauge',
  `node_filesystem_size_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} ${1000 * GiB}`,
  '# TYPE node_filesystem_avail_bytes gauge',
  `node_filesystem_avail_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} ${5 * GiB}`, // 99.5 %
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'mmops-fleet-'));
const config = join(dir, 'config.yaml');
let ingest: RunningServer | undefined;
let batch: RunningServer | undefined;
let prom: RunningServer | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  ingest = await startNodeExporter({
    collectors: ['cpu', 'meminfo', 'filesystem'],
    textfiles: { 'role.prom': '# TYPE node_fleet_role gauge\nnode_fleet_role{role="ingest"} 1\n' },
  });
  batch = await startNodeExporter({ collectors: ['cpu'], textfiles: { 'batch.prom': BATCH_TEXTFILE } });
  prom = await startPrometheus({
    config: [
      'global: { scrape_interval: 1s }',
      'scrape_configs:',
      '  - job_name: node',
      `    static_configs: [{ targets: ['127.0.0.1:${ingest.port}', '127.0.0.1:${batch.port}'] }]`,
    ].join('\n'),
  });
  // disk: this machine's real disk stays under 97 %, the batch host's 99.5 % is critical
  writeFileSync(
    config,
    [
      'thresholds:',
      '  cpu_utilization_ratio: { warning: 1, critical: 1, direction: above, for: 5m }',
      '  disk_utilization_ratio: { warning: 0.97, critical: 0.99, direction: above, for: 5m }',
      '',
    ].join('\n'),
  );
  env = { PROMETHEUS_URL: prom.url };
  // wait for two scrapes of each host: the CPU ratio is a rate
  const client = createPrometheusClient({ url: prom.url, timeoutMs: 5000 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await fetchFleet(client);
    if (r.ok && r.data.length === 2 && r.data.every((h) => h.cpu !== null)) break;
    if (Date.now() > deadline) throw new Error(`no fleet in Prometheus: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await ingest?.stop();
  await batch?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Host {
  host: string;
  cpu: number | null;
  memory: number | null;
  disk: number | null;
  state: string;
  over: { resource: string; state: string; level: number; value: number }[];
}

describe('mmops diag resources --fleet', () => {
  it('lists each host with its use, and names the one over its levels (exit 1)', async () => {
    const r = await mmops(['--config', config, 'diag', 'resources', '--fleet', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { hosts: Host[]; over: string[] };
    const byHost = new Map(doc.hosts.map((h) => [h.host, h]));
    const a = byHost.get(`127.0.0.1:${ingest!.port}`)!;
    const b = byHost.get(`127.0.0.1:${batch!.port}`)!;
    expect(doc.hosts).toHaveLength(2);
    // the real machine: every figure present and a ratio, none over the levels
    for (const v of [a.cpu, a.memory, a.disk]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(a).toMatchObject({ state: 'ok', over: [] });
    expect(b.memory).toBeCloseTo(0.85, 6);
    expect(b.disk).toBeCloseTo(0.995, 6);
    expect(b.state).toBe('critical');
    expect(b.over).toEqual([
      { resource: 'disk', value: b.disk, state: 'critical', level: 0.99 },
      { resource: 'memory', value: b.memory, state: 'warning', level: 0.75 },
    ]);
    expect(doc.over).toEqual([b.host]);
  });

  it('says it in text too', async () => {
    const r = await mmops(['--config', config, 'diag', 'resources', '--fleet'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^host\s+cpu\s+memory\s+disk\s+state$/m);
    expect(r.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${ingest!.port}\\s.*\\sOK$`, 'm'));
    expect(r.stdout).toContain('over their levels: 1 of 2 hosts');
    expect(r.stdout).toContain(
      `  127.0.0.1:${batch!.port}  CRITICAL  disk 99.50% > critical 99.00%, memory 85.00% > warning 75.00%`,
    );
  });

  it('exits 0 when no host is over its levels, and 3 when Prometheus is unreachable', async () => {
    const calm = join(dir, 'calm.yaml');
    writeFileSync(
      calm,
      [
        'thresholds:',
        '  cpu_utilization_ratio: { warning: 1, critical: 1, direction: above, for: 5m }',
        '  memory_utilization_ratio: { warning: 1, critical: 1, direction: above, for: 5m }',
        '  disk_utilization_ratio: { warning: 1, critical: 1, direction: above, for: 5m }',
        '',
      ].join('\n'),
    );
    const ok = await mmops(['--config', calm, 'diag', 'resources', '--fleet'], env);
    expect(ok.stdout).toContain('no host over its levels (2 hosts)');
    expect(ok.code).toBe(0);
    const down = await mmops(['diag', 'resources', '--fleet'], { PROMETHEUS_URL: 'http://127.0.0.1:1' });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^mmops: prometheus http:\/\/127\.0\.0\.1:1\/api\/v1\/query\?.*: /);
  });
});

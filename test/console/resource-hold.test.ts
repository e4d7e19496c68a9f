/**
 * The engine's resource gauges are judged as their alerts judge them: over `for` (prom-queries.ts `held`).
 * A real Prometheus scrapes a real HTTP server whose CPU gauge the test sets. A young series is warming up,
 * not CRIT; a value held for `for` is CRIT; one low scrape inside `for` keeps it from CRIT, as it keeps the
 * alert's condition from holding. (Before, one busy start-up second of `mmops demo` read CRIT on the
 * Resources panel while HighCpuUtilization was only pending.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import { fetchPromPanels, holdSecondsOf, type PromFetchCache } from '../../src/console/data/prom-queries.js';
import { collectStatus } from '../../src/console/index.js';
import { clientsFor } from '../../src/console/sources.js';
import { levelBook } from '../../src/monitor/index.js';
import {
  instantQuery,
  type RunningServer,
  startAlertmanager,
  startPrometheus,
} from '../helpers/prometheus.js';
import { defaultConfig } from '../prometheus/paths.js';

const HOLD = 6;
let cpu = 0.99;
const server = createServer((_req, res) => {
  res.setHeader('content-type', 'text/plain; version=0.0.4');
  res.end(
    [
      '# TYPE market_master_system_cpu_utilization_ratio gauge',
      `market_master_system_cpu_utilization_ratio ${cpu}`,
      '',
    ].join('\n'),
  );
});
let prom: RunningServer | undefined;
let am: RunningServer | undefined;

const config = () => {
  const c = structuredClone(defaultConfig());
  c.thresholds.cpu_utilization_ratio.for = `${HOLD}s`;
  c.sources = { ...c.sources, prometheus_url: prom!.url, alertmanager_url: am!.url, engine_url: null };
  return c;
};
const resources = async () => {
  const c = config();
  const s = await collectStatus(c, levelBook(c));
  return s.models.resources;
};
/** Waits until Prometheus holds `n` scrapes of the gauge at `value` in its last `seconds`. */
async function scraped(value: number, seconds: number, n: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = (await instantQuery(
      prom!.url,
      `count_over_time((market_master_system_cpu_utilization_ratio == ${value})[${seconds}s:1s])`,
    )) as Array<{ value: [number, string] }>;
    if (r.length > 0 && Number(r[0]!.value[1]) >= n) return;
    if (Date.now() > deadline) throw new Error(`Prometheus never scraped ${value}:\n${prom!.logs()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Waits until Prometheus' latest scrape of the gauge reads `value`. */
async function latest(value: number) {
  const deadline = Date.now() + 30_000;
  while (
    (await instantQuery(prom!.url, `market_master_system_cpu_utilization_ratio == ${value}`)).length === 0
  ) {
    if (Date.now() > deadline) throw new Error(`Prometheus never scraped ${value}:\n${prom!.logs()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  [prom, am] = await Promise.all([
    startPrometheus({
      config: [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: engine',
        `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
      ].join('\n'),
    }),
    startAlertmanager({ config: 'route: { receiver: none }\nreceivers: [{ name: none }]\n' }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), am?.stop(), new Promise((r) => server.close(r))]);
});

describe('resource gauges judged over their alert`s for', () => {
  it('the held queries go in the one combined request with the rest', async () => {
    const c = config();
    const cache: PromFetchCache = { last: null };
    const r = await fetchPromPanels(
      clientsFor(c).prometheus,
      consoleMetricNames('market_master'),
      { rangeSeconds: 900, chartWidth: 60, holdSeconds: holdSecondsOf(levelBook(c)) },
      Date.now(),
      cache,
    );
    expect(r.ok).toBe(true);
    // had Prometheus refused the combined query, every query would go alone (30 requests a refresh)
    expect(cache.singleUntil).toBeUndefined();
    expect(r.ok && Object.keys(r.data.instant)).toContain('cpuHeld');
  });

  it('warming up while the series is younger than for, CRIT once it held, not CRIT after one low scrape', async () => {
    await scraped(0.99, HOLD, 1);
    const young = await resources();
    // the first scrapes: the figure shows, the judgement waits (the alert would be pending)
    const row = young.records?.find((r) => (r.cpu as { value: number | null }).value === 0.99);
    expect(row, JSON.stringify(young.records)).toBeDefined();
    if (
      (await instantQuery(prom!.url, `market_master_system_cpu_utilization_ratio offset ${HOLD}s`)).length ===
      0
    ) {
      expect(young.state).not.toBe('critical');
      expect(young.note ?? '').toMatch(/warming up/);
    }

    await scraped(0.99, HOLD + 2, HOLD + 2);
    expect((await resources()).state).toBe('critical');

    cpu = 0.1;
    await scraped(0.1, HOLD, 1);
    cpu = 0.99;
    await latest(0.99);
    // the low scrape is inside the last `for`: the condition did not hold throughout, as for the alert
    let dipped = await resources();
    while (dipped.stats.find((x) => x.label === 'cpu')?.value !== '99%') dipped = await resources();
    expect(dipped.state).not.toBe('critical');
  }, 90_000);
});

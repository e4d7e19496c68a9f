/** "No data" is never PASS unless the step declares it: promql steps against a real Prometheus. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promInstantQuery } from '../../src/cli/runbook-session.js';
import { parseRunbookFile, type Runbook, RunSession } from '../../src/runbook/index.js';
import { type RunningServer, startPrometheus } from '../helpers/prometheus.js';
import { ROOT, realDeps, run, runbook, unattended } from './helpers.js';

let prom: RunningServer;
// A real Prometheus that scrapes nothing: every market_master_* metric is absent, as on a fresh install.
beforeAll(async () => {
  prom = await startPrometheus({ config: 'global: { scrape_interval: 1s, evaluation_interval: 1s }\n' });
});
afterAll(() => prom?.stop());

const deps = () => realDeps({ promQuery: promInstantQuery(prom.url) });

/** Runs the shipped runbook's step titled `title` alone. */
async function shippedStep(id: string, title: string) {
  const rb: Runbook = parseRunbookFile(join(ROOT, 'runbooks', `${id}.md`));
  const step = rb.steps.find((s) => s.title === title);
  if (!step) throw new Error(`${id} has no step "${title}"`);
  const session = new RunSession(rb, { operator: unattended, deps: deps(), env: { PATH: process.env.PATH } });
  return session.run(step.index);
}

describe('no data against a real Prometheus', () => {
  it('an absent metric WARNs "no data", with bounds or without any expectation; declared skip SKIPs', async () => {
    const rb = runbook(
      [
        '## bounds\n```promql {"expect": {"below": 0.9, "warnAbove": 0.7}}\nmarket_master_never_set_ratio\n```',
        '## bare\n```promql\nmarket_master_never_set_ratio\n```',
        '## declared\n```promql {"expect": {"below": 0.9, "noData": "skip"}}\nmarket_master_never_set_ratio\n```',
        '## listing\n```promql {"expect": {"noData": "pass"}}\nmarket_master_never_set_ratio\n```',
      ].join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { deps: deps() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['WARN', 'no data'],
      ['WARN', 'no data'],
      ['SKIPPED', 'no data'],
      ['PASS', 'no data'],
    ]);
  });

  it('NaN (0/0) is no data, not a value that passes a warn bound', async () => {
    const rb = runbook('## ratio\n```promql {"expect": {"warnAbove": 0}}\nvector(0) / vector(0)\n```\n');
    const { step } = await run(rb, { deps: deps() });
    expect(step).toMatchObject({ status: 'WARN', reason: 'no data (value: NaN)' });
  });

  it('the shipped queue-utilization steps never PASS on the metric nobody sets', async () => {
    for (const id of ['daily', 'high-latency']) {
      const rec = await shippedStep(id, 'Queue utilization');
      expect(rec).toMatchObject({ status: 'SKIPPED', reason: 'no data' });
    }
  });

  it('Prometheus stopped: the same step is UNREACHABLE with its URL, not FAIL', async () => {
    const url = prom.url;
    await prom.stop();
    const rec = await shippedStep('daily', 'Prediction latency (p95)');
    expect(rec).toMatchObject({
      status: 'SKIPPED',
      unreachable: `Prometheus: ${url}: ECONNREFUSED`,
    });
  });
});

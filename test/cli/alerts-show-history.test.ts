/**
 * `mmops alerts show` and `mmops alerts history` against a real Prometheus 2.42 (rules firing into) a real
 * Alertmanager 0.25 with an inhibit rule: why an alert is quiet (the ack, or the inhibiting alert and the
 * rule), and the pending/firing transitions from ALERTS and ALERTS_FOR_STATE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startAlertmanager, startPrometheus } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';
import { closedUrl } from '../sources/fixture-servers.js';

const AM_CONFIG = `
route:
  receiver: 'null'
  group_by: [alertname]
  group_wait: 0s
receivers:
  - name: 'null'
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
`;

const RULES = `
groups:
  - name: disk
    interval: 1s
    rules:
      - alert: DiskFilling
        expr: vector(0.93)
        for: 2s
        labels: {severity: critical}
        annotations: {summary: disk is filling, runbook: resource-constraints}
      - alert: DiskFilling
        expr: vector(0.81)
        for: 2s
        labels: {severity: warning}
        annotations: {summary: disk is filling}
`;

let am: RunningServer;
let prom: RunningServer;
let env: Record<string, string>;

interface Shown {
  alerts: Array<{
    labels: Record<string, string>;
    annotations: Record<string, string>;
    state: string;
    value: number | null;
    pendingSince: string | null;
    sources: string[];
    silences: Array<{ kind: string; createdBy: string; comment: string }>;
    inhibitedBy: Array<{ labels: Record<string, string> | null; rule: { text: string } | null }>;
  }>;
  errors: string[];
}

async function poll<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  am = await startAlertmanager({ config: AM_CONFIG });
  prom = await startPrometheus({
    config: `
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs: [{targets: ['127.0.0.1:${am.port}']}]
`,
    files: { 'rules.yml': RULES },
    // an alert that fires before the Alertmanager is discovered is dropped until the next resend (1m)
    extraArgs: ['--rules.alert.resend-delay=1s'],
  });
  env = { ALERTMANAGER_URL: am.url, PROMETHEUS_URL: prom.url, ENGINE_URL: await closedUrl() };
  // both copies in Alertmanager, the warning inhibited by the critical
  await poll(
    async () =>
      (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{ status: { inhibitedBy: string[] } }>,
    (l) => l.length === 2 && l.some((a) => a.status.inhibitedBy.length > 0),
  );
}, 60_000);
afterAll(async () => {
  await prom?.stop();
  await am?.stop();
});

describe('mmops alerts show', () => {
  it('shows labels, annotations, value, since, sources, the ack, and the inhibiting alert with its rule', async () => {
    const ack = await mmops(
      [
        'alerts',
        'ack',
        'DiskFilling',
        '--label',
        'severity=critical',
        '--comment',
        'freeing space',
        '--author',
        'fay@box',
      ],
      env,
    );
    expect(ack.stderr).toBe('');
    expect(ack.code).toBe(0);
    const shown = await poll(
      async () => JSON.parse((await mmops(['alerts', 'show', 'DiskFilling', '--json'], env)).stdout) as Shown,
      (d) => d.alerts.some((a) => a.state === 'silenced'),
    );
    // the engine is down and says so; the others answered
    expect(shown.errors.join()).toMatch(/ECONNREFUSED/);
    const crit = shown.alerts.find((a) => a.labels.severity === 'critical')!;
    expect(crit).toMatchObject({
      state: 'silenced',
      value: 0.93,
      annotations: { summary: 'disk is filling', runbook: 'resource-constraints' },
      silences: [{ kind: 'ack', createdBy: 'fay@box', comment: 'ACK! freeing space' }],
    });
    expect(crit.sources.sort()).toEqual(['alertmanager', 'prometheus']);
    expect(Date.now() - Date.parse(crit.pendingSince!)).toBeGreaterThan(0);
    const warn = shown.alerts.find((a) => a.labels.severity === 'warning')!;
    expect(warn.state).toBe('inhibited');
    expect(warn.inhibitedBy).toHaveLength(1);
    expect(warn.inhibitedBy[0]!.labels).toMatchObject({ alertname: 'DiskFilling', severity: 'critical' });
    expect(warn.inhibitedBy[0]!.rule?.text).toBe(
      '{severity="critical"} mutes {severity="warning"} equal [alertname]',
    );

    const text = await mmops(['alerts', 'show', 'DiskFilling', '--label', 'severity=warning'], env);
    expect(text.stdout).toContain('DiskFilling  warning  inhibited');
    expect(text.stdout).toContain(
      'inhibited by DiskFilling{severity="critical"} via rule {severity="critical"} mutes {severity="warning"} equal [alertname]',
    );
    expect(text.stdout).not.toContain('severity=critical');
  });

  it('mmops alerts says who acked an alert and when', async () => {
    const doc = JSON.parse((await mmops(['alerts', '--json'], env)).stdout) as {
      alerts: Array<{ name: string; ack: { by: string; comment: string; target: string } | null }>;
    };
    expect(doc.alerts.find((a) => a.name === 'DiskFilling')?.ack).toMatchObject({
      by: 'fay@box',
      comment: 'freeing space',
      target: 'alertmanager',
    });
    const text = await mmops(['alerts'], env);
    expect(text.stdout).toMatch(/\nacks\n {2}DiskFilling: acked by fay@box \d+[smh] ago: freeing space$/);
  });

  it('an alert that is not active is a finding (exit 1)', async () => {
    const r = await mmops(['alerts', 'show', 'NothingLikeThis'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no active alert named NothingLikeThis');
  });
});

describe('mmops alerts history', () => {
  it('turns ALERTS back into pending then firing, with activeAt from ALERTS_FOR_STATE, and lists the ack', async () => {
    type Doc = {
      events: Array<{
        at: string;
        source: string;
        name: string;
        event: string;
        detail: string;
        labels: Record<string, string>;
      }>;
    };
    const doc = await poll(
      async () =>
        JSON.parse((await mmops(['alerts', 'history', '--since', '10m', '--json'], env)).stdout) as Doc,
      (d) =>
        d.events.filter((e) => e.source === 'prometheus' && e.labels.severity === 'critical').length >= 2,
    );
    const crit = doc.events.filter((e) => e.source === 'prometheus' && e.labels.severity === 'critical');
    expect(crit.map((e) => e.event).slice(0, 2)).toEqual(['pending', 'firing']);
    expect(crit[0]!.detail).toBe('ALERTS_FOR_STATE');
    // `for: 2s`: firing comes about two seconds after pending
    const gap = Date.parse(crit[1]!.at) - Date.parse(crit[0]!.at);
    expect(gap).toBeGreaterThanOrEqual(1000);
    expect(gap).toBeLessThan(6000);
    const acked = doc.events.find((e) => e.event === 'acked');
    expect(acked).toMatchObject({ source: 'alertmanager', name: 'DiskFilling' });
    expect(acked?.detail).toMatch(/^fay@box: ACK! freeing space/);

    const text = await mmops(['alerts', 'history', '--since', 'ever'], env);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('--since: not a duration: "ever"');
  });
});

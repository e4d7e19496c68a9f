/**
 * `mmops alerts silence|silences|unsilence|ack` against a real Alertmanager 0.25 (API v2), and the ack loop's
 * pass (cli/ack-loop.ts) extending an ack while its alert fires and expiring it once the alert resolves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileAcks } from '../../src/cli/ack-loop.js';
import { createAlertmanagerClient, DEFAULT_ACK_POLICY } from '../../src/sources/index.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';
import { closedUrl } from '../sources/fixture-servers.js';

const AM_CONFIG = `
route:
  receiver: 'null'
  group_by: [alertname]
receivers:
  - name: 'null'
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
`;

type Labels = Record<string, string>;
const LATENCY: Labels = { alertname: 'HighPredictionLatency', severity: 'critical', job: 'market_master' };
const DRIFT_A: Labels = { alertname: 'ModelDrift', severity: 'warning', feature: 'close' };
const DRIFT_B: Labels = { alertname: 'ModelDrift', severity: 'warning', feature: 'volume' };
const ERRORS: Labels = { alertname: 'HighErrorRatio', severity: 'warning', job: 'market_master' };

let am: RunningServer;
let env: Record<string, string>;

/** Sends alerts as Prometheus does (POST /api/v2/alerts); `endsAt` in the past resolves them. */
async function push(list: Labels[], resolved = false): Promise<void> {
  const endsAt = new Date(Date.now() + (resolved ? -1000 : 3600_000)).toISOString();
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(list.map((labels) => ({ labels, annotations: { summary: 'test' }, endsAt }))),
  });
  expect(res.status).toBe(200);
}

async function amAlerts(): Promise<Array<{ labels: Labels; status: { silencedBy: string[] } }>> {
  return (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as never;
}

async function poll<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  am = await startAlertmanager({ config: AM_CONFIG });
  // the engine is down: silences of Alertmanager's alerts never need it
  env = { ALERTMANAGER_URL: am.url, ENGINE_URL: await closedUrl(), MMOPS_AUTHOR: '' };
  await push([LATENCY, DRIFT_A, DRIFT_B, ERRORS]);
  await poll(amAlerts, (l) => l.length === 4);
});
afterAll(async () => {
  await am?.stop();
});

describe('mmops alerts silence', () => {
  it('previews the matchers and the alerts they hit, names the author, and the alerts go silenced', async () => {
    const r = await mmops(
      [
        'alerts',
        'silence',
        'alertname=ModelDrift',
        '--duration',
        '2h',
        '--comment',
        'retraining',
        '--author',
        'alice@box',
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('silence in alertmanager by alice@box for 2h: retraining');
    expect(r.stdout).toContain('matchers: alertname="ModelDrift"');
    expect(r.stdout).toContain('hits 2 alerts now: ModelDrift x2');
    const id = /silence (\S+) until/.exec(r.stdout)?.[1];
    expect(id).toBeTruthy();
    const list = await poll(amAlerts, (l) => l.filter((a) => a.status.silencedBy.includes(id!)).length === 2);
    expect(
      list
        .filter((a) => a.status.silencedBy.includes(id!))
        .map((a) => a.labels.feature)
        .sort(),
    ).toEqual(['close', 'volume']);
  });

  it('refuses a duration it cannot read, and one over a day without --yes', async () => {
    const base = ['alerts', 'silence', 'alertname=HighErrorRatio', '--comment', 'x'];
    const forever = await mmops([...base, '--duration', 'forever'], env);
    expect(forever.code).toBe(2);
    expect(forever.stderr).toContain('cannot read the duration "forever"');
    const long = await mmops([...base, '--duration', '90d'], env);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('90d is longer than a day: add --yes');
    expect(long.stderr).toContain('hits 1 alert now: HighErrorRatio');
    const listed = await mmops(['alerts', 'silences', '--json'], env);
    const doc = JSON.parse(listed.stdout) as { silences: Array<{ matchers: string[] }> };
    expect(doc.silences.some((s) => s.matchers.includes('alertname="HighErrorRatio"'))).toBe(false);
    const yes = await mmops([...base, '--duration', '90d', '--yes', '--json'], env);
    expect(yes.code).toBe(0);
    const made = JSON.parse(yes.stdout) as { endsAt: string; hits: unknown[]; author: string };
    expect(Date.parse(made.endsAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(made.hits).toHaveLength(1);
    expect(made.author).toMatch(/^.+@.+$/);
  });

  it('needs a comment and a readable matcher', async () => {
    const noComment = await mmops(['alerts', 'silence', 'alertname=X', '--duration', '1h'], env);
    expect(noComment.code).toBe(2);
    expect(noComment.stderr).toContain("required option '--comment <text>'");
    const bad = await mmops(['alerts', 'silence', 'alertname', '--duration', '1h', '--comment', 'c'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a matcher: "alertname"');
  });
});

describe('mmops alerts silences and unsilence', () => {
  it('lists silences with matchers, author, comment and end, and expires one by id', async () => {
    const made = await mmops(
      [
        'alerts',
        'silence',
        'job=~"market.*"',
        '--duration',
        '30m',
        '--comment',
        'deploy',
        '--author',
        'bob@h',
        '--json',
      ],
      env,
    );
    expect(made.code).toBe(0);
    const { silenceID } = JSON.parse(made.stdout) as { silenceID: string };
    const text = await mmops(['alerts', 'silences'], env);
    // the engine is down: listed anyway, exit 3 names it
    expect(text.code).toBe(3);
    expect(text.stderr).toMatch(/engine: .*ECONNREFUSED/);
    const row = text.stdout.split('\n').find((l) => l.startsWith(silenceID));
    expect(row).toMatch(/alertmanager\s+active\s+silence\s+job=~"market\.\*"\s+bob@h\s+deploy/);
    const gone = await mmops(['alerts', 'unsilence', silenceID, '--json'], env);
    expect(gone.code).toBe(0);
    expect(JSON.parse(gone.stdout)).toEqual({ id: silenceID, target: 'alertmanager', expired: true });
    const all = JSON.parse((await mmops(['alerts', 'silences', '--all', '--json'], env)).stdout) as {
      silences: Array<{ id: string; state: string }>;
    };
    expect(all.silences.find((s) => s.id === silenceID)?.state).toBe('expired');
    const active = JSON.parse((await mmops(['alerts', 'silences', '--json'], env)).stdout) as {
      silences: Array<{ id: string }>;
    };
    expect(active.silences.some((s) => s.id === silenceID)).toBe(false);
  });

  it('unsilence of an unknown id is an error', async () => {
    const r = await mmops(['alerts', 'unsilence', '00000000-0000-0000-0000-000000000000'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no silence 00000000-0000-0000-0000-000000000000');
  });
});

describe('mmops alerts ack and the ack loop', () => {
  it('acks with owner and comment, is extended while the alert fires, expires once it resolves', async () => {
    const r = await mmops(
      [
        'alerts',
        'ack',
        'HighPredictionLatency',
        '--comment',
        'looking at the GPU',
        '--author',
        'carol@oncall',
        '--json',
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ack = JSON.parse(r.stdout) as { silenceID: string; matchers: string[]; endsAt: string };
    // one alert hit: the ack carries its exact labels, so it never spreads to a sibling
    expect(ack.matchers).toEqual([
      'alertname="HighPredictionLatency"',
      'job="market_master"',
      'severity="critical"',
    ]);
    expect(Date.parse(ack.endsAt) - Date.now()).toBeLessThanOrEqual(DEFAULT_ACK_POLICY.extendByMs);
    const client = createAlertmanagerClient({ url: am.url, timeoutMs: 5000 });
    const mine = async () => {
      const s = await client.silences();
      if (!s.ok) throw new Error(s.error);
      return s.data.filter((x) => x.ack && x.createdBy === 'carol@oncall' && x.state === 'active');
    };
    const before = await mine();
    expect(before).toHaveLength(1);
    expect(before[0]!.comment).toBe('ACK! looking at the GPU');
    await poll(amAlerts, (l) => l.some((a) => a.status.silencedBy.includes(before[0]!.id)));

    // 11 minutes on, the ack ends within 5 minutes while the alert still fires: extended by 15 minutes
    const later = Date.now() + 11 * 60_000;
    const pass = await reconcileAcks(client, () => later);
    expect(pass.errors).toEqual([]);
    expect(pass.applied.map((a) => a.kind)).toEqual(['extend']);
    const extended = await mine();
    expect(extended).toHaveLength(1);
    expect(Math.abs(extended[0]!.endsAt - (later + DEFAULT_ACK_POLICY.extendByMs))).toBeLessThan(1000);

    // a second pass at the same time changes nothing: the end is no longer near
    expect((await reconcileAcks(client, () => later)).applied).toEqual([]);

    // the alert resolves: within the grace a pass leaves the fresh ack alone, after it the ack expires
    await push([LATENCY], true);
    await poll(amAlerts, (l) => !l.some((a) => a.labels.alertname === 'HighPredictionLatency'));
    expect((await reconcileAcks(client, () => Date.now())).applied).toEqual([]);
    const after = await reconcileAcks(client, () => Date.now() + DEFAULT_ACK_POLICY.graceMs);
    expect(after.applied.map((a) => [a.kind, a.silence.createdBy])).toEqual([['expire', 'carol@oncall']]);
    expect(await mine()).toEqual([]);
  });

  it('ack of an alert that does not fire is an error naming it', async () => {
    const r = await mmops(['alerts', 'ack', 'NoSuchAlert', '--comment', 'x'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no firing alert matches alertname="NoSuchAlert"');
  });
});

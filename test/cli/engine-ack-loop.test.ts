/**
 * The engine process keeps acks (cli/ack-loop.ts wired in `mmops engine`): the real binary against a real
 * Alertmanager 0.25 extends an ack about to end while its alert fires, and says so on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackComment, createAlertmanagerClient } from '../../src/sources/index.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { type Running, startEngineBinary } from './helpers/long-running.js';

let am: RunningServer;
let engine: (Running & { url: string }) | undefined;
const home = mkdtempSync(join(tmpdir(), 'mmops-ackloop-'));

beforeAll(async () => {
  am = await startAlertmanager({ config: "route: {receiver: 'null'}\nreceivers: [{name: 'null'}]\n" });
});
afterAll(async () => {
  engine?.child.kill('SIGTERM');
  await engine?.child;
  await am?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('mmops engine keeps acks', () => {
  it('extends an ack that ends within 5 minutes while its alert fires', { timeout: 30_000 }, async () => {
    const labels = { alertname: 'HighErrorRatio', severity: 'critical' };
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels, endsAt: new Date(Date.now() + 3600_000).toISOString() }]),
    });
    expect(res.status).toBe(200);
    const client = createAlertmanagerClient({ url: am.url, timeoutMs: 5000 });
    const now = Date.now();
    const made = await client.silence({
      matchers: Object.entries(labels).map(([name, value]) => ({
        name,
        value,
        isRegex: false,
        isEqual: true,
      })),
      startsAt: new Date(now),
      endsAt: new Date(now + 2 * 60_000),
      createdBy: 'gil@box',
      comment: ackComment('on it'),
    });
    expect(made.ok).toBe(true);

    engine = await startEngineBinary(['--port', '0', '--data-dir', join(home, 'data')], {
      PATH: process.env.PATH ?? '',
      HOME: home,
      ALERTMANAGER_URL: am.url,
      ALERT_CHECK_INTERVAL_SECONDS: '0.5',
    });
    const deadline = Date.now() + 20_000;
    let endsAt = 0;
    while (Date.now() < deadline) {
      const s = await client.silences();
      endsAt = s.ok
        ? Math.max(0, ...s.data.filter((x) => x.ack && x.state === 'active').map((x) => x.endsAt))
        : 0;
      if (endsAt > now + 10 * 60_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(endsAt - Date.now()).toBeGreaterThan(14 * 60_000);
    // the loop says what it did once the update is applied: wait for the line
    const said = /ack \S+ by gil@box extended to \S+ \(1 firing\)/;
    while (!said.test(engine.err()) && Date.now() < deadline + 5000)
      await new Promise((r) => setTimeout(r, 50));
    expect(engine.err()).toMatch(said);
  });
});

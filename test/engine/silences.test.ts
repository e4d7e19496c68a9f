/**
 * Engine-only alerts silenced and acked in the engine (its Alertmanager API v2 subset), through the CLI:
 * the notifiers hold back the silenced alert's firing notice and still send its resolved notice
 * (alertmanager#226); the silence survives a restart; the ack loop's pass expires an ack once it resolves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileAcks } from '../../src/cli/ack-loop.js';
import type { RunningEngine } from '../../src/engine/index.js';
import { createAlertmanagerClient, DEFAULT_ACK_POLICY } from '../../src/sources/index.js';
import { type HttpReceiver, startHttp, waitUntil } from '../alerting/helpers/http.js';
import { mmops } from '../helpers/run-cli.js';
import { closedUrl } from '../sources/fixture-servers.js';
import { getJson, records, referenceCsv, send, startTestEngine, tempDir } from './helpers/engine.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function engineWithHook(dir: string, hook: HttpReceiver): Promise<RunningEngine> {
  const engine = await startTestEngine(dir, {
    edit: (c) => {
      c.notify.webhook.url = `${hook.url}/webhook`;
      c.drift.for = '0s';
      c.engine.window.max_records = 300;
    },
  });
  await send(`${engine.url}/api/v1/reference`, referenceCsv(), { method: 'PUT', type: 'text/csv' });
  return engine;
}

/** Drifted records (DataDriftDetected fires) or calm ones (it resolves), then one evaluation and check. */
async function feed(engine: RunningEngine, prefix: string, shift: number): Promise<void> {
  await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(300, { prefix, shift })));
  await engine.evaluateNow();
  await engine.checkAlertsNow();
}

const hookNames = (hook: HttpReceiver) => JSON.stringify(hook.requests.map((r) => r.body));

async function drained(engine: RunningEngine): Promise<void> {
  let pending = 1;
  for (let i = 0; i < 100 && pending > 0; i++) {
    const { json } = await getJson(`${engine.url}/alerts`);
    pending = (json.notifications as { pending: number }).pending;
    if (pending > 0) await new Promise((r) => setTimeout(r, 50));
  }
  expect(pending).toBe(0);
}

describe('engine silences', () => {
  it('a silenced engine alert sends no firing notice, still its resolved one, and survives a restart', async () => {
    const hook = await startHttp();
    const tmp = tempDir();
    let engine = await engineWithHook(tmp.dir, hook);
    cleanup.push(async () => {
      await engine.close();
      tmp.remove();
      await hook.close();
    });
    const env = { ENGINE_URL: engine.url, ALERTMANAGER_URL: await closedUrl() };
    const made = await mmops(
      [
        'alerts',
        'silence',
        'alertname=DataDriftDetected',
        '--duration',
        '1h',
        '--comment',
        'reference refresh',
        '--author',
        'dave@box',
        '--target',
        'engine',
        '--json',
      ],
      env,
    );
    expect(made.stderr).toBe('');
    const { silenceID, target } = JSON.parse(made.stdout) as { silenceID: string; target: string };
    expect(target).toBe('engine');

    // restart: the silence is on disk
    await engine.close();
    engine = await engineWithHook(tmp.dir, hook);
    const listed = await mmops(['alerts', 'silences', '--json'], { ...env, ENGINE_URL: engine.url });
    const doc = JSON.parse(listed.stdout) as {
      silences: Array<{ id: string; target: string; createdBy: string }>;
    };
    expect(doc.silences.find((s) => s.id === silenceID)).toMatchObject({
      target: 'engine',
      createdBy: 'dave@box',
    });

    await feed(engine, 'drift', 40);
    expect(engine.alerts().find((a) => a.name === 'DataDriftDetected')?.state).toBe('firing');
    const { json } = await getJson(`${engine.url}/alerts`);
    const drift = (json.alerts as Array<{ name: string; silencedBy: string[] }>).find(
      (a) => a.name === 'DataDriftDetected',
    );
    expect(drift?.silencedBy).toEqual([silenceID]);
    const am = await getJson(`${engine.url}/api/v2/alerts?filter=alertname%3D%22DataDriftDetected%22`);
    expect(am.json).toMatchObject([{ status: { state: 'suppressed', silencedBy: [silenceID] } }]);
    await drained(engine);
    expect(hookNames(hook)).not.toContain('DataDriftDetected');

    // it resolves while still silenced: whoever would have heard it fire hears it end (send_resolved)
    await feed(engine, 'calm', 0);
    expect(engine.alerts().find((a) => a.name === 'DataDriftDetected')?.state).toBe('resolved');
    await waitUntil(() => hookNames(hook).includes('DataDriftDetected'), 10_000);
    expect(hookNames(hook)).toContain('resolved');
  });

  it('an engine alert with no Alertmanager copy is acked in the engine; the ack expires once it resolves', async () => {
    const hook = await startHttp();
    const tmp = tempDir();
    const engine = await engineWithHook(tmp.dir, hook);
    cleanup.push(async () => {
      await engine.close();
      tmp.remove();
      await hook.close();
    });
    await feed(engine, 'drift', 40);
    const env = { ENGINE_URL: engine.url, ALERTMANAGER_URL: await closedUrl() };
    const r = await mmops(
      ['alerts', 'ack', 'DataDriftDetected', '--comment', 'on it', '--author', 'erin@box', '--json'],
      env,
    );
    expect(r.stderr).toBe('');
    const ack = JSON.parse(r.stdout) as { silenceID: string; target: string };
    expect(ack.target).toBe('engine');
    const client = createAlertmanagerClient({ url: engine.url, timeoutMs: 5000 });
    expect((await reconcileAcks(client, () => Date.now() + DEFAULT_ACK_POLICY.graceMs)).applied).toEqual([]);
    await feed(engine, 'calm', 0);
    const pass = await reconcileAcks(client, () => Date.now() + DEFAULT_ACK_POLICY.graceMs);
    expect(pass.applied.map((a) => [a.kind, a.silence.id])).toEqual([['expire', ack.silenceID]]);
    const s = await client.silences();
    expect(s.ok && s.data.find((x) => x.id === ack.silenceID)?.state).toBe('expired');
  });

  it('refuses a silence without author or comment, and one that matches everything', async () => {
    const hook = await startHttp();
    const tmp = tempDir();
    const engine = await engineWithHook(tmp.dir, hook);
    cleanup.push(async () => {
      await engine.close();
      tmp.remove();
      await hook.close();
    });
    const body = (over: object) =>
      JSON.stringify({
        matchers: [{ name: 'alertname', value: 'X', isRegex: false }],
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        createdBy: 'a',
        comment: 'c',
        ...over,
      });
    const post = (b: string) => send(`${engine.url}/api/v2/silences`, b);
    expect(await post(body({ createdBy: '' }))).toMatchObject({
      status: 400,
      json: { error: 'createdBy is required' },
    });
    expect(await post(body({ comment: '' }))).toMatchObject({
      status: 400,
      json: { error: 'comment is required' },
    });
    expect(await post(body({ matchers: [{ name: 'x', value: '.*', isRegex: true }] }))).toMatchObject({
      status: 400,
      json: { error: 'at least one matcher must not match the empty string' },
    });
    expect((await post(body({}))).status).toBe(200);
    const del = await fetch(`${engine.url}/api/v2/silence/nope`, { method: 'DELETE' });
    expect(del.status).toBe(404);
  });
});

/**
 * The Silences view (7) over a real Alertmanager 0.25: it lists the silences and acks with matchers, author,
 * comment and end, and x expires the selected one once y⏎ confirms it (ink-testing-library, waiting on
 * frames, no sleeps).
 */
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { createSilenceDeck, type SilenceDeck } from '../../src/console/silence/silence-deck.js';
import { type AlertmanagerClient, ackComment, createAlertmanagerClient } from '../../src/sources/index.js';
import { startTestEngine, tempDir } from '../engine/helpers/engine.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { closedUrl } from '../sources/fixture-servers.js';
import { fakeClock } from './fake-clock.js';
import { frameReader } from './frame-reader.js';
import { fixtureStore } from './make-store.js';

let am: RunningServer;
let client: AlertmanagerClient;
let deck: SilenceDeck | undefined;
let unmount: (() => void) | undefined;

beforeAll(async () => {
  am = await startAlertmanager({ config: "route: {receiver: 'null'}\nreceivers: [{name: 'null'}]\n" });
  client = createAlertmanagerClient({ url: am.url, timeoutMs: 5000 });
});
afterEach(() => {
  unmount?.();
  deck?.stop();
});
afterAll(async () => {
  await am?.stop();
});

const silence = async (alertname: string, createdBy: string, comment: string, hours: number) => {
  const now = Date.now();
  const r = await client.silence({
    matchers: [{ name: 'alertname', value: alertname, isRegex: false, isEqual: true }],
    startsAt: new Date(now),
    endsAt: new Date(now + hours * 3600_000),
    createdBy,
    comment,
  });
  if (!r.ok) throw new Error(r.error);
  return r.data.silenceID;
};

describe('the Silences view', () => {
  it('lists silences and acks; x asks, naming the selected one, and y expires it', async () => {
    const first = await silence('ModelDrift', 'hal@box', 'retraining', 1);
    await silence('HighErrorRatio', 'ida@box', ackComment('on it'), 3);
    deck = createSilenceDeck([{ name: 'alertmanager', client }], 60_000);
    deck.start();
    const f = fixtureStore();
    await f.refresh();
    const r = render(
      <App
        store={f.store}
        size={{ columns: 120, rows: 30 }}
        color={false}
        now={() => Date.now()}
        silences={deck}
      />,
    );
    unmount = r.unmount;
    const { frame, until } = frameReader(r);
    r.stdin.write('7');
    await until(
      () => frame().includes('[7 Silences]') && frame().includes('2 active or pending'),
      'the silences',
    );
    const lines = frame().split('\n');
    // soonest end first: the ModelDrift silence (1 h), then the ack (3 h)
    expect(lines.find((l) => l.includes('ModelDrift'))).toMatch(
      /› │ silence │ am\s+│ alertname="ModelDrift"\s+│ hal@box\s+│ retraining\s+│ 60m/,
    );
    expect(lines.find((l) => l.includes('HighErrorRatio'))).toMatch(
      /│ ack\s+│ am\s+│ alertname="HighErrorRatio"\s+│ ida@box\s+│ on it\s+│ 3h/,
    );
    // x asks first, naming the silence; an answer other than y keeps it
    r.stdin.write('x');
    await until(
      () =>
        frame().includes(
          'expire silence alertname="ModelDrift" by hal@box (retraining)? ⏎ keeps it, y⏎ expires it:',
        ),
      'the question',
    );
    r.stdin.write('n');
    r.stdin.write('\r');
    await until(() => frame().includes('nothing changed'), 'kept');
    const kept = await client.silences();
    expect(kept.ok && kept.data.find((x) => x.id === first)?.state).toBe('active');
    r.stdin.write('x');
    await until(() => frame().includes('? ⏎ keeps it, y⏎ expires it:'), 'the question again');
    for (const c of 'yes') r.stdin.write(c);
    r.stdin.write('\r');
    await until(() => frame().includes(`expired silence ${first} by hal@box`), 'the expiry');
    await until(
      () => frame().includes('1 active or pending') && !frame().includes('ModelDrift'),
      'the list without it',
    );
    const s = await client.silences();
    expect(s.ok && s.data.find((x) => x.id === first)?.state).toBe('expired');
  });

  it('a target that does not answer is an error line, and the state object stays the same between reads', async () => {
    const down = createAlertmanagerClient({ url: await closedUrl(), timeoutMs: 2000 });
    deck = createSilenceDeck([{ name: 'engine', client: down }], 60_000);
    deck.start();
    deck.watch();
    const deadline = Date.now() + 5000;
    while (deck.getState() === null && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    const a = deck.getState();
    // useSyncExternalStore re-renders forever when getState returns a new object each call (React #185)
    expect(deck.getState()).toBe(a);
    expect(a?.rows).toEqual([]);
    expect(a?.errors.join()).toMatch(/ECONNREFUSED/);
  });

  it('s on a silenced alert offers its silence: e extends it, x expires it', async () => {
    const id = await silence('Throttled', 'jo@box', 'maintenance', 1);
    deck = createSilenceDeck([{ name: 'alertmanager', client }], 60_000);
    deck.start();
    const d = deck;
    const throttled = {
      labels: { alertname: 'Throttled', severity: 'critical' },
      annotations: { summary: 'throttled' },
      fingerprint: 'fp-t',
      state: 'suppressed',
      silencedBy: [id],
      inhibitedBy: [],
      startsAt: Date.now() - 60_000,
    };
    const f = fixtureStore({ amAlerts: [throttled] });
    await f.refresh();
    const r = render(
      <App
        store={f.store}
        size={{ columns: 160, rows: 30 }}
        color={false}
        now={() => Date.now()}
        silences={d}
      />,
    );
    unmount = r.unmount;
    const { frame, until } = frameReader(r);
    // nothing else reads the silences on this screen: the muted alert has the app fetch them (its ack note)
    await until(() => d.getState()?.rows.some((x) => x.id === id) === true, 'the silences read');
    r.stdin.write('5');
    await until(() => /│ › │[^\n]*Throttled/.test(frame()), 'Throttled selected');
    r.stdin.write('s');
    await until(() => frame().includes('Throttled is silenced by jo@box (maintenance, ends'), 'the offer');
    expect(frame()).toContain('x expire, e extend, n new silence:');
    r.stdin.write('e\r');
    await until(() => frame().includes('extend the silence of Throttled to last'), 'the extend prompt');
    r.stdin.write('3h\r');
    await until(() => frame().includes('now ends'), 'the extension');
    const after = await client.silences();
    const extended = after.ok
      ? after.data.find((x) => x.state === 'active' && x.createdBy === 'jo@box')
      : undefined;
    expect(Math.abs((extended?.endsAt ?? 0) - (Date.now() + 3 * 3600_000))).toBeLessThan(10_000);

    r.stdin.write('s');
    await until(() => frame().includes('x expire, e extend, n new silence:'), 'the offer again');
    r.stdin.write('x\r');
    await until(() => frame().includes('expired silence'), 'the expiry');
    const end = await client.silences();
    expect(end.ok && end.data.filter((x) => x.createdBy === 'jo@box' && x.state === 'active')).toEqual([]);
  });

  it('asks for the silences only while something on screen reads them: their view, a muted alert', async () => {
    const clock = fakeClock(Date.now());
    let asked = 0;
    const counting: AlertmanagerClient = {
      ...client,
      silences: () => {
        asked++;
        return client.silences();
      },
    };
    deck = createSilenceDeck([{ name: 'alertmanager', client: counting }], 6000, clock);
    deck.start();
    // who watches, as the app's effects run (a frame is drawn before its effects have run)
    let watching = 0;
    const watched: SilenceDeck = {
      ...deck,
      watch: () => {
        watching++;
        const off = deck!.watch();
        return () => {
          watching--;
          off();
        };
      },
    };
    const f = fixtureStore();
    await f.refresh();
    const r = render(
      <App
        store={f.store}
        size={{ columns: 120, rows: 30 }}
        color={false}
        now={clock.now}
        silences={watched}
      />,
    );
    unmount = r.unmount;
    const { frame, until } = frameReader(r);
    // the Overview with no muted alert: started, never asked
    await until(() => frame().includes('[1 Overview]'), 'the Overview');
    expect(watching).toBe(0);
    clock.advance(60_000);
    expect(asked).toBe(0);
    // the Silences view asks at once, then every interval
    r.stdin.write('7');
    await until(
      () => asked === 1 && deck?.getState() != null && frame().includes('[7 Silences]'),
      'the first answer',
    );
    clock.advance(6000);
    expect(asked).toBe(2);
    // back on the Overview it stops
    r.stdin.write('1');
    await until(() => frame().includes('[1 Overview]') && watching === 0, 'the Overview again, unwatched');
    clock.advance(60_000);
    expect(asked).toBe(2);
  });

  it('shows no rows from an earlier watch: watched again while Alertmanager is down, it says so', async () => {
    await silence('Earlier', 'lee@box', 'old news', 1);
    let down = false;
    const flaky: AlertmanagerClient = {
      ...client,
      silences: () =>
        down
          ? Promise.resolve({ ok: false, kind: 'unreachable', error: 'connect ECONNREFUSED' })
          : client.silences(),
    };
    deck = createSilenceDeck([{ name: 'alertmanager', client: flaky }], 60_000);
    deck.start();
    const d = deck;
    const until = async (ok: () => boolean, what: string) => {
      const deadline = Date.now() + 5000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`never saw ${what}: ${JSON.stringify(d.getState())}`);
        await new Promise((res) => setTimeout(res, 20));
      }
    };
    const unwatch = d.watch();
    await until(() => d.getState()?.rows.some((r) => r.createdBy === 'lee@box') === true, 'the rows');
    unwatch();
    down = true;
    d.watch();
    await until(() => (d.getState()?.errors.length ?? 0) > 0, 'the error');
    expect(d.getState()).toEqual({ rows: [], errors: ['connect ECONNREFUSED'] });
  });

  it('s on an engine-only alert silences it in the engine, not in Alertmanager', async () => {
    const tmp = tempDir();
    const engine = await startTestEngine(tmp.dir);
    try {
      const engineClient = createAlertmanagerClient({ url: engine.url, timeoutMs: 5000 });
      deck = createSilenceDeck(
        [
          { name: 'alertmanager', client },
          { name: 'engine', client: engineClient },
        ],
        60_000,
      );
      deck.start();
      const f = fixtureStore();
      await f.refresh();
      const r = render(
        <App
          store={f.store}
          size={{ columns: 120, rows: 30 }}
          color={false}
          now={() => Date.now()}
          silences={deck}
          author="kim@box"
        />,
      );
      unmount = r.unmount;
      const { frame, until } = frameReader(r);
      r.stdin.write('5');
      await until(
        () => /│ › │[^\n]*DataDriftDetected[^\n]*│ E /.test(frame()),
        'the engine-only alert selected',
      );
      r.stdin.write('s');
      await until(() => frame().includes('silence DataDriftDetected for'), 'the duration prompt');
      r.stdin.write('\r');
      await until(() => frame().includes('comment (required)'), 'the comment prompt');
      r.stdin.write('reference refresh\r');
      await until(() => frame().includes('silenced DataDriftDetected in the engine'), 'the silence');
      const inEngine = await engineClient.silences();
      expect(
        inEngine.ok && inEngine.data.map((x) => [x.createdBy, x.comment, x.matchers.map((m) => m.name)]),
      ).toEqual([['kim@box', 'reference refresh', ['alertname']]]);
      const inAm = await client.silences();
      expect(inAm.ok && inAm.data.some((x) => x.createdBy === 'kim@box')).toBe(false);
      expect(f.silences).toHaveLength(0);
    } finally {
      unmount?.();
      unmount = undefined;
      await engine.close();
      tmp.remove();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { backoffDelay, createDispatcher, type Notice, type Notifier } from '../../src/alerting/index.js';
import { firingNotice } from './helpers/alerts.js';

const noSleep = () => Promise.resolve();
function recorder(name: string, fail: (n: number) => boolean = () => false) {
  const sent: Notice[] = [];
  let calls = 0;
  const notifier: Notifier = {
    name,
    async send(notice) {
      calls += 1;
      if (fail(calls)) throw new Error(`${name} down`);
      sent.push(notice);
    },
  };
  return { notifier, sent, calls: () => calls };
}

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, with equal jitter', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, { ...opts, random: () => 0 }))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 5].map((a) => backoffDelay(a, { ...opts, random: () => 0.999999 }))).toEqual([
      expect.closeTo(100, 3),
      expect.closeTo(200, 3),
      expect.closeTo(1000, 3),
    ]);
  });
});

describe('createDispatcher', () => {
  it('returns at once and delivers in the background, to every notifier', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Notifier = { name: 'slow', send: () => gate };
    const fast = recorder('fast');
    const d = createDispatcher({ notifiers: [slow, fast.notifier], sleep: noSleep });
    d.dispatch(firingNotice());
    expect(d.stats().pending).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(fast.sent).toHaveLength(1); // a slow notifier does not hold up the others
    expect(d.stats().notifiers.slow?.pending).toBe(1);
    release();
    await d.drain();
    expect(d.stats()).toMatchObject({ sent: 2, failed: 0, pending: 0, dropped: 0 });
  });

  it('never throws when every send fails; stats and onError reflect the failures', async () => {
    const failures: string[] = [];
    const sleeps: number[] = [];
    const thrower: Notifier = {
      name: 'sync-thrower',
      send: () => {
        throw new Error('sync boom');
      },
    };
    const down = recorder('down', () => true);
    const d = createDispatcher({
      notifiers: [thrower, down.notifier],
      maxAttempts: 3,
      baseDelayMs: 100,
      random: () => 0,
      clock: () => 42,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onError: (_err, f) => {
        failures.push(`${f.notifier}#${f.attempt}${f.final ? '!' : ''}`);
        throw new Error('a broken logger must not matter');
      },
    });
    expect(() => d.dispatch(firingNotice())).not.toThrow();
    d.dispatch(firingNotice());
    await d.drain();
    expect(down.calls()).toBe(6);
    expect(d.stats()).toMatchObject({ sent: 0, failed: 4, pending: 0 });
    expect(d.stats().notifiers.down).toMatchObject({
      failed: 2,
      lastError: { at: 42, message: 'down down' },
    });
    expect(failures.filter((f) => f.startsWith('down'))).toEqual([
      'down#1',
      'down#2',
      'down#3!',
      'down#1',
      'down#2',
      'down#3!',
    ]);
    // 2 lanes x 2 notices x (50 ms, then 100 ms) between the 3 attempts
    expect(sleeps.sort((a, b) => a - b)).toEqual([50, 50, 50, 50, 100, 100, 100, 100]);
  });

  it('keeps a bounded queue: drops the oldest with a warning', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const blocked: Notifier = {
      name: 'blocked',
      async send(n) {
        await gate;
        seen.push(n.summary);
      },
    };
    const warnings: string[] = [];
    const d = createDispatcher({
      notifiers: [blocked],
      maxQueue: 2,
      sleep: noSleep,
      onWarning: (m) => warnings.push(m),
    });
    const notice = (s: string): Notice => ({ ...firingNotice(), summary: s });
    for (const s of ['n1', 'n2', 'n3', 'n4']) d.dispatch(notice(s));
    // n1 is in flight; n2..n4 compete for 2 slots, so n2 goes
    expect(d.stats()).toMatchObject({ pending: 3, dropped: 1 });
    expect(warnings).toEqual(['dispatcher: blocked queue full (2); dropped the oldest notice: n2']);
    release();
    await d.drain();
    expect(seen).toEqual(['n1', 'n3', 'n4']);
  });

  it('abandons an attempt that hangs past attemptTimeoutMs and retries', async () => {
    let calls = 0;
    const hangsOnce: Notifier = {
      name: 'hangs-once',
      send: () => (++calls === 1 ? new Promise<void>(() => {}) : Promise.resolve()),
    };
    const errors: string[] = [];
    const d = createDispatcher({
      notifiers: [hangsOnce],
      attemptTimeoutMs: 20,
      sleep: noSleep,
      onError: (e) => errors.push(String(e)),
    });
    d.dispatch(firingNotice());
    await d.drain();
    expect(errors).toEqual(['Error: hangs-once: no answer within 20 ms']);
    expect(d.stats().sent).toBe(1);
  });

  it('accepts notices while draining, and drain waits for them too', async () => {
    const r = recorder('r');
    const d = createDispatcher({ notifiers: [r.notifier], sleep: noSleep });
    d.dispatch(firingNotice());
    const drained = d.drain();
    d.dispatch(firingNotice());
    await drained;
    expect(r.sent).toHaveLength(2);
    await d.drain(); // idle drain resolves
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createDispatcher,
  createQueueFile,
  type DeliveryMeta,
  groupNotices,
  type Notice,
  type Notifier,
  noticeKey,
  step,
} from '../../src/alerting/index.js';
import { firingNotice, latencyRule, MIN, T0 } from './helpers/alerts.js';
import { waitUntil } from './helpers/http.js';

function recorder(name: string, fail: (n: number) => boolean = () => false) {
  const sent: { notice: Notice; key: string }[] = [];
  const keys: string[] = [];
  let calls = 0;
  const notifier: Notifier = {
    name,
    async send(notice, meta: DeliveryMeta) {
      calls += 1;
      keys.push(meta.key);
      if (fail(calls)) throw new Error(`${name} down`);
      sent.push({ notice, key: meta.key });
    },
  };
  return { notifier, sent, keys, calls: () => calls };
}

/** The firing notice, then the resolved one, of one alert, from the real state machine. */
function fireThenResolve(): [Notice, Notice] {
  const rule = latencyRule({ forSeconds: 0 });
  const fired = step(undefined, { value: 0.3 }, rule, T0);
  const resolved = step(fired.next, { value: 0.01 }, rule, T0 + MIN);
  return [groupNotices(fired.events)[0]!, groupNotices(resolved.events)[0]!];
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const tempQueue = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-queue-'));
  dirs.push(dir);
  return join(dir, 'notify-queue.json');
};

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
    const d = createDispatcher({ notifiers: [slow, fast.notifier] });
    d.dispatch(firingNotice());
    expect(d.stats().pending).toBe(2);
    await waitUntil(() => fast.sent.length === 1); // a slow notifier does not hold up the others
    expect(d.stats().notifiers.slow?.pending).toBe(1);
    release();
    await d.drain();
    expect(d.stats()).toMatchObject({ sent: 2, failed: 0, pending: 0, expired: 0 });
  });

  it('never gives up while the notice is current: 12 failures, then one delivery with the first key', async () => {
    const down = recorder('down', (n) => n <= 12);
    const retries: number[] = [];
    const d = createDispatcher({
      notifiers: [down.notifier],
      baseDelayMs: 2,
      maxDelayMs: 8,
      onError: (_e, f) => {
        retries.push(f.attempt);
        throw new Error('a broken logger must not matter');
      },
    });
    const notice = firingNotice();
    expect(() => d.dispatch(notice)).not.toThrow();
    await d.drain();
    expect(down.sent).toHaveLength(1);
    expect(retries).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(down.keys)).toEqual(new Set([noticeKey(notice)]));
    expect(d.stats().notifiers.down).toMatchObject({ sent: 1, failed: 12, pending: 0, expired: 0 });
    await d.close();
  });

  it('a resolution ends the waiting firing notice; the resolved notice is delivered alone', async () => {
    let up = false;
    const r = recorder('r', () => !up);
    const d = createDispatcher({ notifiers: [r.notifier], baseDelayMs: 5, maxDelayMs: 20 });
    const [fired, resolved] = fireThenResolve();
    d.dispatch(fired);
    await waitUntil(() => r.calls() >= 2);
    d.dispatch(resolved);
    expect(d.stats().pending).toBe(1);
    up = true;
    await d.drain();
    expect(r.sent.map((s) => s.notice.status)).toEqual(['resolved']);
    await d.close();
  });

  it('gives a delivery up after maxAgeMs, with a warning and a count', async () => {
    let now = T0;
    const warnings: string[] = [];
    const r = recorder('r', () => true);
    const d = createDispatcher({
      notifiers: [r.notifier],
      clock: () => now,
      baseDelayMs: 1,
      maxDelayMs: 1,
      maxAgeMs: 60_000,
      onWarning: (m) => warnings.push(m),
    });
    d.dispatch(firingNotice());
    await waitUntil(() => r.calls() >= 1);
    now += 60_000;
    await d.drain();
    expect(d.stats().notifiers.r).toMatchObject({ expired: 1, pending: 0 });
    expect(warnings.join('\n')).toMatch(/gave up r delivery of "HighPredictionLatency firing.*r down/);
    await d.close();
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
      baseDelayMs: 1,
      onError: (e) => errors.push(String(e)),
    });
    d.dispatch(firingNotice());
    await d.drain();
    expect(errors).toEqual(['Error: hangs-once: no answer within 20 ms']);
    expect(d.stats().sent).toBe(1);
    await d.close();
  });
});

describe('the queue on disk', () => {
  it('survives a restart: delivered once, with the same key; a re-fire of the same alert is not told again', async () => {
    const path = tempQueue();
    const warn = (m: string) => {
      throw new Error(m);
    };
    const down = recorder('email', () => true);
    const first = createDispatcher({
      notifiers: [down.notifier],
      baseDelayMs: 5,
      maxDelayMs: 10,
      store: createQueueFile(path, warn),
    });
    await first.restore();
    const notice = firingNotice();
    first.dispatch(notice);
    await waitUntil(() => down.calls() >= 2);
    await first.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const up = recorder('email');
    const second = createDispatcher({ notifiers: [up.notifier], store: createQueueFile(path, warn) });
    await second.restore();
    // the engine's alert state starts afresh: the same alert fires again, a minute later
    const refired = groupNotices(
      step(undefined, { value: 0.3 }, latencyRule({ forSeconds: 0 }), T0 + MIN).events,
    )[0]!;
    expect(noticeKey(refired)).not.toBe(noticeKey(notice));
    second.dispatch(refired);
    await second.drain();
    await second.close();
    expect(up.sent.map((s) => s.key)).toEqual([noticeKey(notice)]);
    expect(down.keys.every((k) => k === noticeKey(notice))).toBe(true);
  });

  it('sets aside a file that is not a queue, and says so', async () => {
    const path = tempQueue();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '{"version":1,"deliveries":"nope"');
    const warnings: string[] = [];
    const d = createDispatcher({ notifiers: [], store: createQueueFile(path, (m) => warnings.push(m)) });
    await d.restore();
    expect(warnings).toEqual([
      expect.stringMatching(/is not a queue .* moved to .*notify-queue\.json\.invalid-/),
    ]);
    await d.close();
  });
});

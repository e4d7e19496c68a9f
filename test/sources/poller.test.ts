import { describe, expect, it } from 'vitest';
import { createPoller, onBeat, type SourceResult, type Timers, untilBeat } from '../../src/sources/index.js';

/** Manual timers: advance(ms) fires what is due, in order. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void due.delete(h as number),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const target = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > target) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
      await flush();
    }
    now = target;
    await flush();
  };
  const pending = () => [...due.values()].map((d) => d.at - now);
  return { timers, advance, pending };
}
const flush = () => new Promise((r) => setImmediate(r));

/** A fetch whose answers the test controls. */
function scriptedFetch() {
  const calls: Array<(r: SourceResult<number>) => void> = [];
  const fetch = () => new Promise<SourceResult<number>>((resolve) => calls.push(resolve));
  const ok = (n: number, at = 0): SourceResult<number> => ({ ok: true, data: n, fetchedAt: at });
  const down: SourceResult<number> = { ok: false, kind: 'unreachable', error: 'ECONNREFUSED' };
  return { fetch, calls, ok, down };
}

describe('createPoller', () => {
  it('refreshes at once on start, then every interval, and pushes snapshots', async () => {
    const t = fakeTimers();
    const f = scriptedFetch();
    const p = createPoller({ fetch: f.fetch, intervalMs: 1000, timers: t.timers });
    const seen: Array<number | null> = [];
    p.subscribe((s) => seen.push(s.data));
    p.start();
    expect(f.calls).toHaveLength(1);
    f.calls[0]!(f.ok(1));
    await flush();
    await t.advance(1000);
    expect(f.calls).toHaveLength(2);
    f.calls[1]!(f.ok(2));
    await flush();
    expect(seen).toEqual([1, 2]);
  });

  it('never overlaps: a tick while a refresh runs is skipped', async () => {
    const t = fakeTimers();
    const f = scriptedFetch();
    const p = createPoller({ fetch: f.fetch, intervalMs: 1000, timers: t.timers });
    p.start();
    await t.advance(3500); // the first request hangs for three ticks
    expect(f.calls).toHaveLength(1);
    expect(p.snapshot().skipped).toBe(3);
    f.calls[0]!(f.ok(1));
    await flush();
    await t.advance(1000);
    expect(f.calls).toHaveLength(2);
  });

  it('backs off exponentially on errors up to the cap, keeping the last data as stale', async () => {
    const t = fakeTimers();
    const f = scriptedFetch();
    const p = createPoller({
      fetch: f.fetch,
      intervalMs: 1000,
      timers: t.timers,
      backoff: { factor: 2, maxMs: 5000 },
    });
    p.start();
    f.calls[0]!(f.ok(7));
    await flush();
    const gaps: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const before = t.timers.now();
      while (f.calls.length === i) await t.advance(100);
      gaps.push(t.timers.now() - before);
      f.calls[i]!(f.down);
      await flush();
    }
    expect(gaps).toEqual([1000, 2000, 4000, 5000]);
    const s = p.snapshot();
    expect(s.data).toBe(7);
    expect(s.stale).toEqual({ reason: 'unreachable', since: 1000 });
    expect(s.failures).toBe(4);
    // recovery clears the stale mark and the backoff
    while (f.calls.length === 5) await t.advance(100);
    f.calls[5]!(f.ok(8, t.timers.now()));
    await flush();
    expect(p.snapshot()).toMatchObject({ data: 8, stale: null, failures: 0, error: null });
  });

  it('keeps the same data reference when the data did not change', async () => {
    const t = fakeTimers();
    let n = 0;
    const p = createPoller({
      fetch: async () => ({ ok: true, data: { rows: [1, 2] }, fetchedAt: ++n }),
      intervalMs: 1000,
      timers: t.timers,
    });
    p.start();
    await flush();
    const first = p.snapshot().data;
    await t.advance(1000);
    expect(p.snapshot().fetchedAt).toBe(2);
    expect(p.snapshot().data).toBe(first);
  });

  it('refreshNow joins a running refresh instead of starting another', async () => {
    const t = fakeTimers();
    const f = scriptedFetch();
    const p = createPoller({ fetch: f.fetch, intervalMs: 1000, timers: t.timers });
    p.start();
    const a = p.refreshNow();
    expect(f.calls).toHaveLength(1);
    f.calls[0]!(f.ok(1));
    await a;
    void p.refreshNow();
    expect(f.calls).toHaveLength(2);
  });

  it('pause stops the ticks, resume refreshes at once; setInterval changes the period', async () => {
    const t = fakeTimers();
    let calls = 0;
    const p = createPoller({
      fetch: async () => ({ ok: true, data: ++calls, fetchedAt: 0 }),
      intervalMs: 1000,
      timers: t.timers,
    });
    p.start();
    await flush();
    p.pause();
    await t.advance(5000);
    expect(calls).toBe(1);
    expect(p.snapshot().paused).toBe(true);
    p.resume();
    await flush();
    expect(calls).toBe(2);
    p.setInterval(3000);
    await t.advance(2999);
    expect(calls).toBe(2);
    await t.advance(1);
    expect(calls).toBe(3);
    p.stop();
    await t.advance(10_000);
    expect(calls).toBe(3);
    expect(t.pending()).toEqual([]);
  });

  it('turns a throwing fetch into a failure', async () => {
    const p = createPoller({
      fetch: async () => {
        throw new Error('bug');
      },
      intervalMs: 1000,
      timers: fakeTimers().timers,
    });
    await p.refreshNow();
    expect(p.snapshot().error).toMatchObject({ kind: 'bad-response', error: 'bug' });
  });
});

describe('pollers on one beat', () => {
  it('untilBeat: the next phase + k x interval at least half an interval away', () => {
    expect(untilBeat(10_000, 2000, 300)).toBe(2300); // beats at ...10300, 12300: 300 is too close
    expect(untilBeat(10_300, 2000, 300)).toBe(2000); // on the beat: the next one
    expect(untilBeat(10_303, 2000, 300)).toBe(1997); // a tick 3 ms late still lands on the beat after
    expect(untilBeat(11_300, 2000, 300)).toBe(1000); // half an interval: that beat
    expect(untilBeat(11_400, 2000, 300)).toBe(900 + 2000); // under half: the beat after
    expect(untilBeat(200, 2000, 300)).toBe(2100); // before the phase: beats at 300 are 100 away: too close
    expect(onBeat(2000, 5000)).toBe(6000);
    expect(onBeat(2000, 15_000)).toBe(16_000);
    expect(onBeat(30_000, 10_000)).toBe(30_000);
  });

  it('pollers answering at different speeds keep asking together, and a slower one on multiples of the beat', async () => {
    const t = fakeTimers();
    await t.advance(12_345); // started at no particular time
    const asked: Record<string, number[]> = { fast: [], slow: [], rare: [] };
    const poller = (name: string, latency: number, intervalMs: number) =>
      createPoller({
        // answers after `latency` ms of the fake clock: the re-arm then happens late, as over a network
        fetch: () => {
          asked[name]!.push(t.timers.now());
          return new Promise<SourceResult<number>>((r) =>
            t.timers.setTimeout(() => r({ ok: true, data: 1, fetchedAt: t.timers.now() }), latency),
          );
        },
        intervalMs,
        timers: t.timers,
        phaseMs: 700,
      });
    const ps = [poller('fast', 2, 2000), poller('slow', 180, 2000), poller('rare', 1, onBeat(2000, 5000))];
    for (const p of ps) p.start();
    await t.advance(60_000);
    // after the first (at start), every ask falls on a beat: 700 + k x 2000
    for (const name of ['fast', 'slow', 'rare'])
      expect(asked[name]!.slice(1).map((at) => (at - 700) % 2000)).toEqual(
        asked[name]!.slice(1).map(() => 0),
      );
    expect(asked.fast!.slice(1)).toEqual(asked.slow!.slice(1));
    expect(asked.fast!.length).toBe(30);
    expect(asked.rare!.length).toBe(10);
    for (const p of ps) p.stop();
  });

  it('busySince: when the request on its way was sent', async () => {
    const t = fakeTimers();
    await t.advance(5000);
    const f = scriptedFetch();
    const p = createPoller({ fetch: f.fetch, intervalMs: 1000, timers: t.timers });
    expect(p.busySince()).toBeNull();
    p.start();
    await t.advance(2500); // it hangs: the ticks meanwhile are skipped, the time it was sent stays
    expect(p.busySince()).toBe(5000);
    f.calls[0]!(f.ok(1));
    await flush();
    expect(p.busySince()).toBeNull();
    p.stop();
  });
});

/**
 * The coalescer on a fake clock: a refresh's answers shown together with the last of them, frames at least
 * half an interval apart, urgent ones and first answers at once.
 */
import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../src/console/coalesce.js';
import { fakeClock } from './fake-clock.js';

function setup(o: { enabled?: boolean; settled?: boolean } = {}) {
  const clock = fakeClock(1_000_000);
  let interval = 2000;
  const at: number[] = [];
  // busyAt: when the source still on its way was asked (null: none is)
  const state = { settled: o.settled ?? true, busyAt: null as number | null };
  const c = createCoalescer({
    timers: clock,
    intervalMs: () => interval,
    settled: () => state.settled,
    busy: (within: number) => state.busyAt !== null && clock.now() - state.busyAt < within,
    notify: () => at.push(clock.now() - 1_000_000),
    enabled: o.enabled ?? true,
  });
  return { c, clock, at, state, setInterval: (ms: number) => void (interval = ms) };
}

describe('coalescer', () => {
  it('shows the first change at once, then at most one every half interval', () => {
    const { c, clock, at } = setup();
    c.change();
    expect(at).toEqual([0]);
    clock.advance(500);
    c.change();
    c.change();
    clock.advance(300);
    c.change(); // all three held for half an interval after the last frame
    expect(at).toEqual([0]);
    clock.advance(200);
    expect(at).toEqual([0, 1000]);
    clock.advance(5000); // quiet: nothing to show
    expect(at).toEqual([0, 1000]);
    c.change(); // after a quiet while: at once
    expect(at).toEqual([0, 1000, 6000]);
  });

  it("holds a change while another source's answer is on its way, and shows it with the last answer", () => {
    const { c, clock, at, state } = setup();
    c.change();
    clock.advance(2000); // the next beat: three sources asked at once
    state.busyAt = clock.now();
    c.change(); // the engine answers first
    clock.advance(3);
    c.change(); // Alertmanager
    clock.advance(17);
    state.busyAt = null;
    c.change(); // Prometheus, the last: one frame for the three, in the same wakeup
    expect(at).toEqual([0, 2020]);
    expect(clock.pending()).toBe(0);
  });

  it('a source hung past half an interval holds nothing: the next change shows what was held, and every refresh after', () => {
    const { c, clock, at, state } = setup();
    c.change();
    clock.advance(2000);
    state.busyAt = clock.now(); // one source hangs until its 5 s timeout
    c.change();
    expect(clock.pending()).toBe(0); // no timer: nothing else changed
    clock.advance(2000);
    c.change(); // the next refresh's first answer: the hung source no longer holds it
    expect(at).toEqual([0, 4000]);
    clock.advance(2000);
    c.change(); // nor the one after
    expect(at).toEqual([0, 4000, 6000]);
    clock.advance(1000);
    state.busyAt = null;
    c.change(); // its timeout, at last: shown half an interval after the last frame
    expect(at).toEqual([0, 4000, 6000, 7000]);
  });

  it('flush shows a change held for a busy source (after t or a resize, the chart is not kept waiting)', () => {
    const { c, clock, at, state } = setup();
    c.change();
    clock.advance(2000);
    state.busyAt = clock.now();
    c.change();
    c.flush();
    expect(at).toEqual([0, 2000]);
  });

  it('urgent changes (keys) go at once and restart the gap', () => {
    const { c, clock, at } = setup();
    c.change();
    clock.advance(100);
    c.change(); // held
    clock.advance(100);
    c.change(true);
    expect(at).toEqual([0, 200]);
    expect(clock.pending()).toBe(0); // the held change went with it
    clock.advance(100);
    c.change();
    clock.advance(899);
    expect(at).toEqual([0, 200]);
    clock.advance(1);
    expect(at).toEqual([0, 200, 1200]);
  });

  it('until every source has answered, and when off, every change goes at once', () => {
    const a = setup({ settled: false });
    a.c.change();
    a.clock.advance(10);
    a.c.change();
    expect(a.at).toEqual([0, 10]);
    const b = setup({ enabled: false });
    b.c.change();
    b.c.change();
    expect(b.at).toEqual([0, 0]);
  });

  it('the answer that completes the first round shows at once (the last source to answer is not held)', () => {
    const { c, clock, at, state } = setup({ settled: false });
    c.change(); // the first source answers
    clock.advance(300);
    state.settled = true; // the last source's first answer: now every source has answered
    c.change();
    expect(at).toEqual([0, 300]); // shown, not held until the interval's end (seen: 2.6 s to live data)
    clock.advance(100);
    c.change(); // from here on, at most one every half interval
    expect(at).toEqual([0, 300]);
    clock.advance(900);
    expect(at).toEqual([0, 300, 1300]);
  });

  it('flush shows a held change now; cancel drops it; the interval is read each time', () => {
    const { c, clock, at, setInterval } = setup();
    c.change();
    clock.advance(10);
    c.change();
    c.flush();
    expect(at).toEqual([0, 10]);
    c.flush(); // nothing held: nothing shown
    expect(at).toEqual([0, 10]);
    setInterval(5000);
    clock.advance(10);
    c.change();
    c.cancel();
    clock.advance(10_000);
    expect(at).toEqual([0, 10]);
    c.change();
    clock.advance(2499);
    c.change();
    expect(at).toEqual([0, 10, 10_020]);
    clock.advance(1);
    expect(at).toEqual([0, 10, 10_020, 12_520]);
  });
});

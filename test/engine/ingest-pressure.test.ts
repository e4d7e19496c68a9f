/**
 * The ingest pressure meter on a clock the test moves: a steady stream that ingest keeps up with is not
 * pressure, clients posting back to back are, within ~tau ln 2 of starting, and the pressure ends as fast.
 */
import { describe, expect, it } from 'vitest';
import {
  createIngestPressure,
  PRESSURE_BUSY_SHARE,
  PRESSURE_TAU_MS,
} from '../../src/engine/ingest-pressure.js';

function meter() {
  let now = 1_000_000;
  const m = createIngestPressure(() => now);
  return {
    m,
    /** Moves the clock by `ms`. */
    wait: (ms: number) => {
      now += ms;
    },
    /** One request taking `ms`. */
    request: (ms: number) => {
      m.enter();
      now += ms;
      m.leave();
    },
  };
}

describe('ingest pressure', () => {
  it('is none when idle', () => {
    const { m, wait } = meter();
    wait(5000);
    expect(m.busyShare()).toBe(0);
    expect(m.underPressure()).toBe(false);
  });

  it("is not a steady 5,000 records/s in batches of 1,000, even at 5x the quiet host's 10 ms a request", () => {
    for (const ms of [10, 50]) {
      const { m, request, wait } = meter();
      let max = 0;
      for (let i = 0; i < 100; i++) {
        request(ms);
        max = Math.max(max, m.busyShare());
        wait(200 - ms);
      }
      expect(m.underPressure()).toBe(false);
      expect(max).toBeLessThan(ms === 10 ? 0.07 : 0.3);
    }
  });

  it('is clients posting back to back, from tau ln 2 on, and ends as fast when they stop', () => {
    const { m, request, wait } = meter();
    const tLn2 = PRESSURE_TAU_MS * Math.LN2;
    let t = 0;
    // 20 ms requests with 1 ms between them (the client's turn-around): busy 95 % of the time
    while (!m.underPressure()) {
      request(20);
      wait(1);
      t += 21;
      expect(t).toBeLessThan(tLn2 * 1.2);
    }
    expect(t).toBeGreaterThan(tLn2 * 0.9);
    for (let i = 0; i < 200; i++) {
      request(20);
      wait(1);
      expect(m.underPressure()).toBe(true);
    }
    expect(m.busyShare()).toBeGreaterThan(0.9);
    wait(tLn2 * 0.8);
    expect(m.underPressure()).toBe(true);
    wait(tLn2 * 0.4);
    expect(m.underPressure()).toBe(false);
  });

  it('counts overlapping requests as busy once, and never below zero', () => {
    const { m, wait } = meter();
    for (let i = 0; i < 4; i++) m.enter();
    wait(PRESSURE_TAU_MS);
    expect(m.busyShare()).toBeCloseTo(1 - Math.exp(-1), 9);
    for (let i = 0; i < 6; i++) m.leave(); // more ends than starts: an error path must not wedge it busy
    m.enter();
    wait(PRESSURE_TAU_MS);
    m.leave();
    expect(m.busyShare()).toBeGreaterThan(1 - Math.exp(-1));
    wait(10 * PRESSURE_TAU_MS);
    expect(m.busyShare()).toBeLessThan(0.01);
    expect(m.busyShare()).toBeLessThan(PRESSURE_BUSY_SHARE);
  });
});

import { describe, expect, it } from 'vitest';
import type { SimActual } from '../../src/sim/index.js';
import { createActualSchedule, createRng } from '../../src/sim/index.js';

const actuals = (from: number, n: number): SimActual[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p-${from + i}`, actual: 'buy' }));

describe('createActualSchedule', () => {
  it('holds actuals until their delay has passed', () => {
    const s = createActualSchedule({ delayMs: [2000, 5000], lossRatio: 0, cap: 1000, rng: createRng(1) });
    s.add(actuals(0, 10), 0);
    expect(s.takeDue(1999)).toEqual([]);
    expect(s.size).toBe(10);
    expect(s.takeDue(5000)).toHaveLength(10);
    expect(s.size).toBe(0);
  });

  it('releases in due-time order whatever the order added', () => {
    const s = createActualSchedule({ delayMs: [0, 3000], lossRatio: 0, cap: 1000, rng: createRng(2) });
    for (let i = 0; i < 20; i++) s.add(actuals(i * 10, 10), 0);
    const seen: string[] = [];
    for (let t = 0; t <= 3000; t += 100) seen.push(...s.takeDue(t).map((a) => a.id));
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });

  it('withholds about the loss ratio for good', () => {
    const s = createActualSchedule({ delayMs: 10, lossRatio: 0.1, cap: 100_000, rng: createRng(3) });
    let withheld = 0;
    for (let i = 0; i < 100; i++) withheld += s.add(actuals(i * 100, 100), i);
    expect(withheld).toBeGreaterThan(800);
    expect(withheld).toBeLessThan(1200);
    expect(s.takeDue(1000)).toHaveLength(10_000 - withheld);
  });

  it('drops the oldest beyond its cap, counting them', () => {
    const s = createActualSchedule({ delayMs: 100, lossRatio: 0, cap: 15, rng: createRng(4) });
    s.add(actuals(0, 10), 0);
    s.add(actuals(10, 10), 1);
    expect(s.size).toBe(15);
    expect(s.dropped).toBe(5);
    expect(s.takeDue(200).map((a) => a.id)[0]).toBe('p-5');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rsi } from '../../src/sim/features.js';
import { createMarket, FEATURE_NAMES, NUMERIC_FEATURES, UNIVERSE } from '../../src/sim/index.js';

describe('createMarket', () => {
  it('keeps every bar consistent: high >= max(open, close), low <= min(open, close), whole volume >= 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const market = createMarket(seed);
        for (let i = 0; i < 3000; i++) {
          const { bar } = market.next();
          const ok =
            bar.high >= Math.max(bar.open, bar.close) &&
            bar.low <= Math.min(bar.open, bar.close) &&
            bar.low > 0 &&
            Number.isInteger(bar.volume) &&
            bar.volume >= 0;
          if (!ok) throw new Error(`bar ${i} breaks the OHLCV rules: ${JSON.stringify(bar)}`);
        }
      }),
      { numRuns: 5 },
    );
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const take = (seed: number) => {
      const m = createMarket(seed);
      return Array.from({ length: 50 }, () => m.next().features);
    };
    expect(JSON.stringify(take(3))).toBe(JSON.stringify(take(3)));
    expect(JSON.stringify(take(3))).not.toBe(JSON.stringify(take(4)));
  });

  it('derives every feature, finite and in range, from the bars', () => {
    const market = createMarket(5);
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => ok || problems.push(what);
    for (let i = 0; i < 5000; i++) {
      const { features: f, bar, regime } = market.next();
      check(Object.keys(f).join() === FEATURE_NAMES.join(), `${i}: feature names`);
      for (const name of NUMERIC_FEATURES) check(Number.isFinite(f[name]), `${i}: ${name} not finite`);
      check(f.close === bar.close && f.volume === bar.volume && f.open === bar.open, `${i}: bar columns`);
      check(Number(f.rsi_14) >= 0 && Number(f.rsi_14) <= 100, `${i}: rsi_14 ${f.rsi_14}`);
      check(Number(f.volatility_10) >= 0 && Number(f.hl_range) >= 0, `${i}: negative spread measure`);
      check(Number(f.spread_bps) > 0, `${i}: spread_bps ${f.spread_bps}`);
      check(f.regime === regime && (regime === 'calm' || regime === 'volatile'), `${i}: regime ${f.regime}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('cycles through the whole universe, so consecutive records come from different instruments', () => {
    const market = createMarket(6);
    const symbols = new Set(Array.from({ length: UNIVERSE.length }, () => market.next().instrument.symbol));
    expect(symbols.size).toBe(UNIVERSE.length);
  });

  it('stays stationary: prices revert to their anchors, and about 15 % of bars are volatile', () => {
    const market = createMarket(8);
    let volatile = 0;
    let maxDeviation = 0;
    const n = UNIVERSE.length * 40;
    for (let i = 0; i < n; i++) {
      const t = market.next();
      if (t.regime === 'volatile') volatile++;
      maxDeviation = Math.max(maxDeviation, Math.abs(Math.log(t.bar.close / t.instrument.anchorPrice)));
    }
    expect(volatile / n).toBeGreaterThan(0.1);
    expect(volatile / n).toBeLessThan(0.2);
    expect(maxDeviation).toBeLessThan(0.15);
  });
});

describe('rsi', () => {
  it('is 100 after only gains, 0 after only losses and 50 when flat', () => {
    const up = Array.from({ length: 15 }, (_, i) => 100 + i);
    expect(rsi(up, 14)).toBe(100);
    expect(rsi([...up].reverse(), 14)).toBe(0);
    expect(rsi(Array(15).fill(100), 14)).toBe(50);
  });

  it('weighs gains against losses (Cutler)', () => {
    // 7 gains of 2 and 7 losses of 1: RS = 2, RSI = 100 - 100 / 3.
    const closes = [100];
    for (let i = 0; i < 14; i++) closes.push(closes[i]! + (i % 2 === 0 ? 2 : -1));
    expect(rsi(closes, 14)).toBeCloseTo(100 - 100 / 3, 10);
  });
});

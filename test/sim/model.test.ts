import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionOf,
  ERROR_TYPES,
  type Generated,
  generateRecords,
  LABEL_THRESHOLD,
  MODEL_NAME,
} from '../../src/sim/index.js';
import { accuracy, errorRate, latencyQuantile, spreadCompliance } from './helpers/metrics.js';

describe('actionOf', () => {
  it('labels the realised move: buy above +threshold, sell below -threshold, else hold', () => {
    expect(actionOf(LABEL_THRESHOLD * 1.01)).toBe('buy');
    expect(actionOf(-LABEL_THRESHOLD * 1.01)).toBe('sell');
    expect(actionOf(LABEL_THRESHOLD)).toBe('hold');
    expect(actionOf(0)).toBe('hold');
  });
});

describe('the model in normal mode, over 5,000 records', () => {
  let gens: Generated[];
  beforeAll(() => {
    gens = generateRecords(5000, { seed: 2026 });
  });

  it('is accurate at about 0.89 (market-maker warning level: 0.85)', () => {
    const acc = accuracy(gens);
    expect(acc).toBeGreaterThan(0.85);
    expect(acc).toBeLessThan(0.93);
  });

  it('answers fast: p95 latency under 0.1 s', () => {
    expect(latencyQuantile(gens, 0.95)).toBeLessThan(0.1);
    expect(latencyQuantile(gens, 0.5)).toBeGreaterThan(0.02);
    expect(latencyQuantile(gens, 0.5)).toBeLessThan(0.045);
  });

  it('fails rarely (under 2 %), with the three error types', () => {
    const failed = gens.filter((g) => g.record.error);
    expect(errorRate(gens)).toBeLessThan(0.02);
    expect(failed.length).toBeGreaterThan(0);
    for (const g of failed) {
      expect(ERROR_TYPES).toContain(g.record.error);
      expect(g.record.prediction).toBeUndefined();
      expect(g.record.spread).toBeUndefined();
    }
  });

  it('keeps quoted spreads within their limit more than 90 % of the time (about 95 %)', () => {
    const c = spreadCompliance(gens);
    expect(c).toBeGreaterThan(0.9);
    expect(c).toBeLessThan(0.99); // some breaches, or the compliance panel would never move
  });

  it('predicts all three actions, with a confidence that matches its hit rate', () => {
    const ok = gens.filter((g) => g.record.prediction);
    for (const a of ACTIONS) expect(ok.filter((g) => g.record.prediction === a).length).toBeGreaterThan(800);
    for (const [lo, hi] of [
      [0.4, 0.7],
      [0.7, 0.9],
      [0.9, 1.01],
    ] as const) {
      const bin = ok.filter((g) => g.record.confidence! >= lo && g.record.confidence! < hi);
      const meanConf = bin.reduce((a, g) => a + g.record.confidence!, 0) / bin.length;
      expect(Math.abs(accuracy(bin) - meanConf)).toBeLessThan(0.06);
    }
  });

  it('fills in the contract fields', () => {
    for (const { record } of gens.slice(0, 500)) {
      expect(record.model).toBe(MODEL_NAME);
      expect(['equity', 'fx', 'commodity', 'crypto']).toContain(record.asset_class);
      expect(Number.isNaN(Date.parse(record.ts))).toBe(false);
      if (record.prediction) {
        expect(record.confidence).toBeGreaterThan(1 / 3);
        expect(record.confidence).toBeLessThanOrEqual(1);
        expect(record.spread_limit).toBeGreaterThan(0);
      }
    }
  });
});

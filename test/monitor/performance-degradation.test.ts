import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEGRADATION_THRESHOLDS, degradation } from '../../src/monitor/performance/index.js';

interface DegradationCase {
  name: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  expected: { status: string; degradation: Record<string, number>; average_degradation: number };
}
const { cases } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/performance/degradation.json'), 'utf8'),
) as { cases: DegradationCase[] };

describe("degradation agrees with the guide's PerformanceMonitor.check_performance", () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = degradation(c.reference, c.current);
    expect(r.status).toBe(c.expected.status);
    expect(Object.keys(r.degradation).sort()).toEqual(Object.keys(c.expected.degradation).sort());
    for (const [k, v] of Object.entries(c.expected.degradation)) {
      expect(Math.abs(r.degradation[k]! - v)).toBeLessThanOrEqual(1e-12);
    }
    expect(Math.abs(r.averageDegradation! - c.expected.average_degradation)).toBeLessThanOrEqual(1e-12);
  });

  it('covers all three states', () => {
    expect(new Set(cases.map((c) => c.expected.status))).toEqual(new Set(['healthy', 'warning', 'degraded']));
  });
});

describe('degradation states', () => {
  const ref = { accuracy: 0.8 };
  const at = (accuracy: number, thresholds = {}) => degradation(ref, { accuracy }, thresholds);

  it('uses the guide defaults 0.05 and 0.10, strictly', () => {
    expect(DEFAULT_DEGRADATION_THRESHOLDS).toEqual({ warning: 0.05, critical: 0.1 });
    expect(at(0.8).status).toBe('healthy');
    expect(at(0.9).status).toBe('healthy'); // improvement is negative degradation
    expect(at(0.761).status).toBe('healthy'); // 4.875 %
    expect(at(0.75).status).toBe('warning'); // 6.25 %
    expect(at(0.7).status).toBe('degraded'); // 12.5 %
    // exactly on the level (binary-exact numbers: 1 - 0.95 is 0.05000000000000004)
    expect(degradation({ a: 1 }, { a: 0.9375 }, { warning: 0.0625 }).status).toBe('healthy');
  });

  it('takes thresholds from the caller', () => {
    expect(at(0.75, { warning: 0.1, critical: 0.2 }).status).toBe('healthy');
    expect(at(0.75, { warning: 0.01, critical: 0.05 }).status).toBe('degraded');
    expect(at(0.75, { warning: undefined }).status).toBe('warning');
  });

  it('skips a zero reference instead of dividing by it', () => {
    const r = degradation({ accuracy: 0.8, recall: 0 }, { accuracy: 0.7, recall: 0.5 });
    expect(r.degradation).toEqual({ accuracy: (0.8 - 0.7) / 0.8 });
    expect(r.skipped).toEqual([{ metric: 'recall', reason: 'zero-reference' }]);
    expect(r.status).toBe('degraded');
  });

  it('skips missing and non-finite values, and reports nothing compared', () => {
    const r = degradation({ a: 0.8, b: 0.8, c: Number.NaN }, { b: Number.NaN, c: 0.5 });
    expect(r).toMatchObject({ status: 'healthy', averageDegradation: null, compared: 0, degradation: {} });
    expect(r.skipped.map((s) => s.reason)).toEqual(['missing', 'not-finite', 'not-finite']);
  });

  it('reads a fall below a negative reference as degradation', () => {
    expect(degradation({ sharpe: -0.5 }, { sharpe: -1 }).degradation.sharpe).toBe(1);
  });
});

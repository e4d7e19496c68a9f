import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  latencyPercentiles,
  type OperationalRecord,
  operationalMetrics,
  percentile,
} from '../../src/monitor/performance/index.js';

interface PercentileCase {
  name: string;
  values: number[];
  percentiles: Record<string, number>;
}
const { cases } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/performance/percentiles.json'), 'utf8'),
) as { cases: PercentileCase[] };

describe('percentile agrees with numpy.percentile (linear)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    for (const [p, expected] of Object.entries(c.percentiles)) {
      expect(Math.abs(percentile(c.values, Number(p)) - expected)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('rejects no values and percentiles outside [0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([null, Number.NaN], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('is monotone in p and stays within [min, max]', () => {
    const values = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(
        values,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (v, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(percentile(v, lo)).toBeLessThanOrEqual(percentile(v, hi));
          expect(percentile(v, lo)).toBeGreaterThanOrEqual(Math.min(...v));
          expect(percentile(v, hi)).toBeLessThanOrEqual(Math.max(...v));
        },
      ),
    );
  });
});

describe('latencyPercentiles', () => {
  it('skips missing latencies and reports nulls when none remain', () => {
    expect(latencyPercentiles([null, Number.NaN, undefined])).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p95: null,
      p99: null,
    });
    expect(latencyPercentiles([0.3, null, 0.1, 0.2])).toMatchObject({ count: 3, p50: 0.2 });
  });
});

describe('operationalMetrics', () => {
  const base = Date.UTC(2024, 2, 1, 9, 30);
  const records: OperationalRecord[] = [
    { ts: base, latencySeconds: 0.05, spread: 0.0004, spreadLimit: 0.0005 },
    { ts: base + 1000, latencySeconds: 0.3, error: 'timeout', spread: -0.0006, spreadLimit: 0.0005 },
    { ts: new Date(base + 2000).toISOString(), latencySeconds: 0.07, spread: 0.0005, spreadLimit: 0.0005 },
    { ts: base + 4000, latencySeconds: null, error: '', spread: 0.0001, spreadLimit: null },
    { ts: base + 5000, error: true },
  ];

  it('computes error rate, spread compliance and throughput from the timestamps', () => {
    const m = operationalMetrics(records);
    expect(m).toMatchObject({ records: 5, errors: 2, errorRate: 0.4, spreadChecked: 3, windowSeconds: 5 });
    expect(m.spreadCompliance).toBeCloseTo(2 / 3, 15); // |spread| <= limit, limit inclusive
    expect(m.throughput).toBe(4 / 5); // 5 records span 4 gaps in 5 s
    expect(m.latency).toMatchObject({ count: 3, p50: 0.07 });
  });

  it('uses a given window as records / seconds', () => {
    expect(operationalMetrics(records, { windowSeconds: 10 }).throughput).toBe(0.5);
    expect(operationalMetrics(records, { windowSeconds: 0 }).throughput).toBeNull();
  });

  it('reports nulls for an empty window', () => {
    expect(operationalMetrics([])).toMatchObject({
      records: 0,
      errorRate: null,
      throughput: null,
      windowSeconds: null,
      spreadCompliance: null,
    });
  });

  it('keeps ratios in [0, 1] and ignores record order', () => {
    const record = fc.record({
      ts: fc.integer({ min: 0, max: 1e9 }),
      latencySeconds: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
      error: fc.option(fc.constantFrom('timeout', '', 'model_error')),
      spread: fc.option(fc.double({ min: -1, max: 1, noNaN: true })),
      spreadLimit: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), (rs) => {
        const m = operationalMetrics(rs);
        for (const v of [m.errorRate, m.spreadCompliance])
          if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
        expect(operationalMetrics([...rs].reverse())).toEqual(m);
      }),
    );
  });
});

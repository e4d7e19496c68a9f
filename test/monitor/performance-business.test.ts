import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMetrics } from '../../src/monitor/performance/index.js';

interface BusinessCase {
  name: string;
  confidence: number[];
  returns: number[];
  expected: {
    total_predictions: number;
    high_confidence_predictions: number;
    average_confidence: number;
    predicted_return: number | null;
    prediction_volume: number;
  };
}
const { cases } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/performance/business.json'), 'utf8'),
) as { cases: BusinessCase[] };

const within = (a: number | null, b: number | null) => {
  if (b === null) return expect(a).toBeNull();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-12);
};

describe("businessMetrics agrees with the guide's calculate_business_metrics", () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = businessMetrics(
      c.confidence.map((confidence, i) => ({ confidence, actualReturn: c.returns[i] })),
    );
    const e = c.expected;
    expect(m.totalPredictions).toBe(e.total_predictions);
    expect(m.highConfidencePredictions).toBe(e.high_confidence_predictions);
    within(m.averageConfidence, e.average_confidence);
    within(m.highConfidenceShare, e.prediction_volume);
    within(m.highConfidenceMeanReturn, e.predicted_return); // guide: NaN when none, here null
  });
});

describe('businessMetrics', () => {
  it('uses a strict threshold: 0.8 itself is not high confidence', () => {
    const m = businessMetrics([
      { confidence: 0.8, actualReturn: 1 },
      { confidence: 0.8000001, actualReturn: 0.5 },
    ]);
    expect(m).toMatchObject({ highConfidencePredictions: 1, highConfidenceMeanReturn: 0.5, threshold: 0.8 });
  });

  it('counts records without confidence in the total only, and skips missing returns', () => {
    const m = businessMetrics([
      { confidence: null },
      { confidence: 0.9 },
      { confidence: 0.95, actualReturn: 0.02 },
    ]);
    expect(m).toMatchObject({
      totalPredictions: 3,
      highConfidencePredictions: 2,
      highConfidenceMeanReturn: 0.02,
    });
    expect(m.averageConfidence).toBeCloseTo(0.925, 15);
    expect(m.highConfidenceShare).toBeCloseTo(2 / 3, 15);
  });

  it('takes another threshold and reports nulls for an empty batch', () => {
    expect(businessMetrics([{ confidence: 0.7 }], 0.6).highConfidencePredictions).toBe(1);
    expect(businessMetrics([])).toMatchObject({
      totalPredictions: 0,
      highConfidenceShare: null,
      averageConfidence: null,
      highConfidenceMeanReturn: null,
    });
  });

  it('keeps shares and confidence in [0, 1] and ignores record order', () => {
    const rec = fc.record({
      confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      actualReturn: fc.option(fc.double({ min: -0.1, max: 0.1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 60 }), (rs) => {
        const m = businessMetrics(rs);
        expect(m.highConfidenceShare! >= 0 && m.highConfidenceShare! <= 1).toBe(true);
        if (m.averageConfidence !== null) {
          expect(m.averageConfidence).toBeGreaterThanOrEqual(0);
          expect(m.averageConfidence).toBeLessThanOrEqual(1 + 1e-15);
        }
        const r = businessMetrics([...rs].reverse());
        expect(r.highConfidencePredictions).toBe(m.highConfidencePredictions);
        within(r.averageConfidence, m.averageConfidence);
        within(r.highConfidenceMeanReturn, m.highConfidenceMeanReturn);
      }),
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassificationMetrics,
  classificationMetrics,
  type Label,
  performanceSummary,
} from '../../src/monitor/performance/index.js';

interface Expected {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  macro: { precision: number; recall: number; f1: number };
  perClass: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
  confusion: { labels: string[]; matrix: number[][] };
}
interface Case {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  expected: Expected;
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/performance', name), 'utf8'));
const { cases } = fixture('classification.json') as { cases: Case[] };
const TOL = 1e-12;
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOL);

describe('classificationMetrics agrees with scikit-learn 1.2.1', () => {
  it('has many fixture cases', () => expect(cases.length).toBeGreaterThanOrEqual(50));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = classificationMetrics(c.yTrue, c.yPred);
    const e = c.expected;
    close(m.accuracy, e.accuracy);
    close(m.precision, e.precision);
    close(m.recall, e.recall);
    close(m.f1, e.f1);
    expect(m.support).toBe(e.support);
    close(m.macro.precision, e.macro.precision);
    close(m.macro.recall, e.macro.recall);
    close(m.macro.f1, e.macro.f1);
    expect(m.confusion).toEqual(e.confusion);
    expect(m.perClass.map((p) => p.label)).toEqual(e.perClass.map((p) => p.label));
    m.perClass.forEach((p, i) => {
      const q = e.perClass[i]!;
      close(p.precision, q.precision);
      close(p.recall, q.recall);
      close(p.f1, q.f1);
      expect(p.support).toBe(q.support);
    });
  });
});

describe('classificationMetrics edge cases', () => {
  it('scores a never-predicted class with precision 0 and a never-true class with weight 0', () => {
    const m = classificationMetrics(['buy', 'buy', 'hold'], ['buy', 'sell', 'hold']);
    const sell = m.perClass.find((c) => c.label === 'sell')!;
    expect(sell).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
    // weighted: buy (w=2) P=1 R=0.5, hold (w=1) P=1 R=1, sell (w=0)
    expect(m.precision).toBe(1);
    close(m.recall, 2 / 3);
  });

  it('treats 1, "1" and "1.0" as one class and sorts numbers numerically', () => {
    const m = classificationMetrics([1, '10', 9, '1.0'], ['1', 10, '9', 1]);
    expect(m.confusion.labels).toEqual(['1', '9', '10']);
    expect(m.accuracy).toBe(1);
  });

  it('rejects mismatched lengths, empty input and NaN labels', () => {
    expect(() => classificationMetrics(['a'], [])).toThrow(RangeError);
    expect(() => classificationMetrics([], [])).toThrow(RangeError);
    expect(() => classificationMetrics([Number.NaN], [1])).toThrow(RangeError);
  });

  it('reduces to the check performance --json contract, keys in order', () => {
    const s = performanceSummary(classificationMetrics(['a', 'b'], ['a', 'a']));
    expect(Object.keys(s)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'support', 'confusion']);
    expect(s.confusion).toEqual({
      labels: ['a', 'b'],
      matrix: [
        [1, 0],
        [1, 0],
      ],
    });
  });
});

const pool = ['buy', 'sell', 'hold', 'strong_buy'];
const pairs = fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...pool)), {
  minLength: 1,
  maxLength: 80,
});
const allScores = (m: ClassificationMetrics) => [
  m.accuracy,
  m.precision,
  m.recall,
  m.f1,
  m.macro.precision,
  m.macro.recall,
  m.macro.f1,
  ...m.perClass.flatMap((c) => [c.precision, c.recall, c.f1]),
];

describe('classificationMetrics properties', () => {
  it('keeps every score in [0, 1], and the matrix consistent with the supports', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const m = classificationMetrics(
          ps.map((p) => p[0]),
          ps.map((p) => p[1]),
        );
        for (const v of allScores(m)) expect(v >= 0 && v <= 1).toBe(true);
        const total = m.confusion.matrix.flat().reduce((a, b) => a + b, 0);
        expect(total).toBe(ps.length);
        const rowSums = m.confusion.matrix.map((row) => row.reduce((a, b) => a + b, 0));
        expect(rowSums).toEqual(m.perClass.map((c) => c.support));
        // weighted recall is sum(tp) / n, i.e. accuracy
        close(m.recall, m.accuracy);
      }),
    );
  });

  it('gives 1 everywhere for perfect predictions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pool), fc.integer({ min: -3, max: 3 })), { minLength: 1 }),
        (y) => {
          const m = classificationMetrics(y, y);
          expect([
            m.accuracy,
            m.precision,
            m.recall,
            m.f1,
            m.macro.precision,
            m.macro.recall,
            m.macro.f1,
          ]).toEqual([1, 1, 1, 1, 1, 1, 1]);
        },
      ),
    );
  });

  it('does not depend on record order', () => {
    const shuffled = pairs.chain((ps) =>
      fc.array(fc.double({ noNaN: true }), { minLength: ps.length, maxLength: ps.length }).map((keys) => ({
        ps,
        perm: ps
          .map((p, i) => ({ p, k: keys[i]! }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p),
      })),
    );
    fc.assert(
      fc.property(shuffled, ({ ps, perm }) => {
        const a = classificationMetrics(
          ps.map((p) => p[0]),
          ps.map((p) => p[1]),
        );
        const b = classificationMetrics(
          perm.map((p) => p[0]),
          perm.map((p) => p[1]),
        );
        expect(b).toEqual(a);
      }),
    );
  });
});

/** Structural sharing: equal parts keep the old references, with the verdict JSON equality gave. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual, shareStructure } from '../../src/sources/share.js';

const json = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('shareStructure', () => {
  it('returns the old value when all of it is equal', () => {
    const prev = { a: [1, 2, { b: 'x' }], c: null, d: { e: 1.5 } };
    const next = structuredClone(prev);
    expect(shareStructure(prev, next)).toBe(prev);
  });

  it('keeps the unchanged parts of a changed value', () => {
    const prev = { panels: { latency: { p95: 1 }, errors: { rows: [1, 2] } }, at: 1 };
    const next = structuredClone(prev);
    next.panels.latency.p95 = 2;
    const out = shareStructure(prev, next);
    expect(out).toBe(next);
    expect(out.panels.errors).toBe(prev.panels.errors);
    expect(out.panels.latency).not.toBe(prev.panels.latency);
    expect(out).toEqual({ panels: { latency: { p95: 2 }, errors: { rows: [1, 2] } }, at: 1 });
  });

  it('agrees with JSON equality on edge cases', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: 1 }, { a: 1, b: 2 }],
      [
        [1, 2],
        [1, 2, 3],
      ],
      [
        [1, 2, 3],
        [1, 2],
      ],
      [NaN, NaN],
      // a chart's gaps: NaN inside arrays and objects
      [
        [1, NaN, 3],
        [1, NaN, 3],
      ],
      [{ p: [NaN] }, { p: [NaN] }],
      [{ p: NaN }, { p: 1 }],
      [{ a: null }, { a: 0 }],
      ['1', 1],
      [{ d: new Date(5) }, { d: new Date(5) }],
      [{ d: new Date(5) }, { d: new Date(6) }],
      [[], {}],
      [{ a: [] }, { a: [] }],
    ];
    for (const [a, b] of cases) {
      expect(jsonEqual(a, b), JSON.stringify([a, b])).toBe(json(a, b));
      expect(Object.is(shareStructure(a, b), a), JSON.stringify([a, b])).toBe(json(a, b));
    }
  });

  it('agrees with JSON equality on generated values, and always reads as the new one', () => {
    // JSON-like values with undefined properties (JSON leaves them out); numbers finite (JSON writes NaN as null)
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, false, 0, 1, -1.5, 'a', ''),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.option(tie('value'), { nil: undefined }), {
          maxKeys: 4,
        }),
      ),
    }));
    fc.assert(
      fc.property(value, value, fc.boolean(), (a, b, same) => {
        const prev = structuredClone(a);
        const next = same ? structuredClone(a) : structuredClone(b);
        // JSON's verdict, key order aside (the order of an object's keys does not make it another value)
        const canon = (x: unknown) =>
          JSON.stringify(x, (_, v) =>
            v && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).sort(([p], [q]) => p.localeCompare(q)))
              : v,
          );
        const expected = canon(next);
        // the check alone gives the same verdict, and leaves both values as they were
        expect(jsonEqual(prev, next), `${canon(prev)} vs ${expected}`).toBe(canon(prev) === expected);
        expect(canon(next)).toBe(expected);
        const out = shareStructure(prev, next);
        expect(out === prev, `${canon(prev)} vs ${expected}`).toBe(canon(prev) === expected);
        expect(canon(out)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a frozen value as it is', () => {
    const prev = { a: { b: 1 }, c: 1 };
    const next = Object.freeze({ a: { b: 1 }, c: 2 });
    const out = shareStructure(prev, next);
    expect(out).toBe(next);
    expect(out.a).not.toBe(prev.a);
  });
});

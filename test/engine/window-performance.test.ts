/**
 * scorePerformance counts (true, predicted) pairs instead of listing them (LabelPairCounts). Against the
 * listing it replaced (pairLabels + classificationMetrics per model, shares by String(label) per row), on
 * random windows with mixed label spellings, missing labels, errors and several models: the same result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowColumns } from '../../src/engine/window.js';
import { MIN_SCORED, scorePerformance } from '../../src/engine/window-performance.js';
import { classificationMetrics, type Label, pairLabels } from '../../src/monitor/index.js';
import { testConfig } from './helpers/engine.js';

const config = testConfig();

/** The listing path, as window-performance.ts computed it before. */
function listed(w: WindowColumns) {
  const byModel = new Map<string, { t: (Label | null)[]; p: (Label | null)[] }>();
  const all = { t: [] as (Label | null)[], p: [] as (Label | null)[] };
  const shares = new Map<string, number>();
  for (let i = 0; i < w.rows; i++) {
    const p = w.prediction[i] ?? null;
    if (p === null || w.error[i] !== null) continue;
    shares.set(String(p), (shares.get(String(p)) ?? 0) + 1);
    const a = w.actual[i] ?? null;
    if (a === null) continue;
    const model = w.model[i] ?? 'default';
    const g = byModel.get(model) ?? byModel.set(model, { t: [], p: [] }).get(model)!;
    g.t.push(a);
    g.p.push(p);
    all.t.push(a);
    all.p.push(p);
  }
  const score = (t: (Label | null)[], p: (Label | null)[]) => {
    const pairs = pairLabels(t, p);
    return pairs.yTrue.length >= MIN_SCORED ? classificationMetrics(pairs.yTrue, pairs.yPred) : null;
  };
  return {
    scored: all.t.length,
    overall: score(all.t, all.p),
    models: [...byModel].map(([model, g]) => ({ model, scored: g.t.length, m: score(g.t, g.p) })),
    shareKeys: [...shares.keys()],
  };
}

const label = fc.constantFrom<Label | null>('up', 'down', 'flat', '1', '1.0', 1, 2, '', ' ', null);
const row = fc.record({
  prediction: label,
  actual: label,
  model: fc.constantFrom<string | null>('m1', 'm2', null),
  error: fc.constantFrom<string | null>(null, null, null, 'timeout'),
});

function columns(
  rows: { prediction: Label | null; actual: Label | null; model: string | null; error: string | null }[],
) {
  const n = rows.length;
  return {
    rows: n,
    from: null,
    to: 1,
    prediction: rows.map((r) => r.prediction),
    actual: rows.map((r) => r.actual),
    model: rows.map((r) => r.model),
    error: rows.map((r) => r.error),
  } as unknown as WindowColumns;
}

describe('scorePerformance', () => {
  it('scores counted pairs as the listed pairs were scored', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 0, maxLength: 300 }), (rows) => {
        const w = columns(rows);
        const got = scorePerformance(w, null, config);
        const want = listed(w);
        expect(got.now).toEqual(want.overall);
        expect(got.performance.scored).toBe(want.scored);
        expect(
          got.performance.models.map((m) => [m.model, m.scored, m.accuracy, m.precision, m.recall, m.f1]),
        ).toEqual(
          want.models.map(({ model, scored, m }) => [
            model,
            scored,
            m?.accuracy ?? null,
            m?.precision ?? null,
            m?.recall ?? null,
            m?.f1 ?? null,
          ]),
        );
        expect(Object.keys(got.candidate?.predictionShares ?? {})).toEqual(
          got.candidate ? want.shareKeys : [],
        );
      }),
      { numRuns: 300 },
    );
  });
});

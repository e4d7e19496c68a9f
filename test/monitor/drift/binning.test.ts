import { describe, expect, it } from 'vitest';
import { countsToPercents, histogramSorted, sturgesEdges } from '../../../src/monitor/drift/binning.js';
import { fixture } from '../../fixtures/drift/load.js';

interface EdgesCase {
  name: string;
  values: number[];
  edges: number[];
  counts: number[];
}

const cases = fixture<EdgesCase[]>('edges');

describe("numpy's Sturges edges and histogram", () => {
  it.each(cases)(
    '$name: edges equal np.histogram_bin_edges(x, "sturges") bit for bit',
    ({ values, edges }) => {
      const sorted = Float64Array.from(values).sort();
      const got = sturgesEdges(sorted[0]!, sorted[sorted.length - 1]!, sorted.length);
      expect(Array.from(got)).toEqual(edges);
    },
  );

  it.each(cases)('$name: counts equal np.histogram(x, edges)', ({ values, edges, counts }) => {
    const sorted = Float64Array.from(values).sort();
    expect(Array.from(histogramSorted(sorted, Float64Array.from(edges)))).toEqual(counts);
  });

  it('treats a constant sample as numpy does: one bin [v - 0.5, v + 0.5]', () => {
    expect(Array.from(sturgesEdges(2, 2, 7))).toEqual([1.5, 2.5]);
  });

  it('puts the maximum in the last (closed) bin and drops values outside the edges', () => {
    const counts = histogramSorted(Float64Array.of(-1, 0, 0.5, 1, 1, 2), Float64Array.of(0, 0.5, 1));
    expect(Array.from(counts)).toEqual([1, 3]);
  });
});

describe('countsToPercents', () => {
  const counts = { ref: Float64Array.of(2, 0, 2), cur: Float64Array.of(0, 1, 3), nRef: 4, nCur: 4 };

  it('floors empty buckets at 1e-4 for PSI (Evidently feel_zeroes=True)', () => {
    const { ref, cur } = countsToPercents(counts, true);
    expect(Array.from(ref)).toEqual([0.5, 0.0001, 0.5]);
    expect(Array.from(cur)).toEqual([0.0001, 0.25, 0.75]);
  });

  it('leaves them at 0 for Jensen-Shannon (feel_zeroes=False)', () => {
    expect(Array.from(countsToPercents(counts, false).ref)).toEqual([0.5, 0, 0.5]);
  });
});

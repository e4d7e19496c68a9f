import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binCounts,
  classSharePsi,
  countClasses,
  decileEdges,
  outputReference,
  PREDICTION_DRIFT_MIN_ROWS,
  predictionDrift,
} from '../../../src/monitor/index.js';
import { categoricalColumn, expectClose, frameOf, numericColumn } from '../../fixtures/drift/load.js';

interface Side {
  labels: string[];
  confidence: (number | null)[];
}
interface Case {
  name: string;
  ref: Side;
  cur: Side;
  classPsi: number;
  confidencePsi: number;
  edges: number[];
  refBinCounts: number[];
  score: number;
}

// scripts/fixtures/gen_prediction_drift.py: numpy quantiles and scipy.special.rel_entr.
const CASES = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/prediction-drift/cases.json', import.meta.url), 'utf8'),
  ) as {
    data: Case[];
  }
).data;

const conf = (s: Side) => Float64Array.from(s.confidence, (v) => (v === null ? Number.NaN : v));
const refOf = (s: Side) =>
  outputReference(
    frameOf(categoricalColumn('prediction', s.labels), numericColumn('confidence', s.confidence)),
  );

describe('prediction drift against scipy', () => {
  it('has every fixture case', () => {
    expect(CASES.map((c) => c.name)).toEqual([
      'undrifted',
      'class-shift',
      'confidence-shift',
      'both-shift',
      'new-class',
      'ties',
      'missing-confidence',
    ]);
  });

  for (const c of CASES) {
    it(`${c.name}: class PSI, decile edges, confidence PSI and score match`, () => {
      const ref = refOf(c.ref);
      expect(ref).not.toBeNull();
      const edges = ref!.confidence!.edges;
      expect(edges).toHaveLength(c.edges.length);
      c.edges.forEach((e, i) => {
        expectClose(edges[i]!, e, `edge ${i}`);
      });
      expect([...ref!.confidence!.counts]).toEqual(c.refBinCounts);
      expectClose(classSharePsi(ref!.classes, countClasses(c.cur.labels))!.psi, c.classPsi, 'class psi');
      const d = predictionDrift(ref!, { classes: countClasses(c.cur.labels), confidence: conf(c.cur) });
      expectClose(d.confidencePsi!, c.confidencePsi, 'confidence psi');
      expectClose(d.score!, c.score, 'score');
      expect(d.note).toBeNull();
    });
  }
});

describe('prediction drift edges', () => {
  const base = CASES[0]!;

  it('gives no score below PREDICTION_DRIFT_MIN_ROWS predictions, and says why', () => {
    const ref = refOf(base.ref)!;
    const few = base.cur.labels.slice(0, PREDICTION_DRIFT_MIN_ROWS - 1);
    const d = predictionDrift(ref, { classes: countClasses(few), confidence: new Float64Array(0) });
    expect(d.score).toBeNull();
    expect(d.note).toBe(
      `warming up: ${PREDICTION_DRIFT_MIN_ROWS - 1} of ${PREDICTION_DRIFT_MIN_ROWS} predictions`,
    );
  });

  it('scores the classes alone when the reference has no confidence column', () => {
    const ref = outputReference(frameOf(categoricalColumn('prediction', base.ref.labels)))!;
    expect(ref.confidence).toBeNull();
    const shifted = CASES.find((c) => c.name === 'class-shift')!;
    const d = predictionDrift(ref, {
      classes: countClasses(shifted.cur.labels),
      confidence: conf(shifted.cur),
    });
    expect(d.confidencePsi).toBeNull();
    expect(d.score).toBe(d.classes!.psi);
  });

  it('has no output reference without a prediction column, or with no prediction in it', () => {
    expect(outputReference(frameOf(numericColumn('close', [1, 2, 3])))).toBeNull();
    expect(outputReference(frameOf(categoricalColumn('prediction', [null, null])))).toBeNull();
  });

  it('counts numeric predictions as labels, as the window does', () => {
    const ref = outputReference(frameOf(numericColumn('prediction', [0, 1, 1, Number.NaN])))!;
    expect([...ref.classes]).toEqual([
      ['0', 1],
      ['1', 2],
    ]);
  });

  it('merges decile bins on ties and puts values on an edge in the upper bin', () => {
    const sorted = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9]);
    const edges = decileEdges(sorted);
    expect([...edges]).toEqual([0.5, expect.closeTo(0.54, 12)]);
    expect([...binCounts([0.4, 0.5, 0.6, Number.NaN], edges).counts]).toEqual([1, 1, 1]);
  });
});

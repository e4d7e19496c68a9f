/**
 * False alarms of the calibrated distances (auto picks Wasserstein and Jensen-Shannon above 1,000 reference
 * rows; PSI on request) from drift.min_rows (100) up, and their power against a 0.5-sigma shift. Each
 * reference is reused for trials / REFS windows so that its null distribution is simulated once; the
 * level holds over references too, hence several. At 10,000 rows Evidently's 0.1 floor decides (the Monte
 * Carlo critical value is ~0.03): bench/drift-calibration.mjs covers it.
 */
import { describe, expect, it } from 'vitest';
import { detectDrift, prepareReference } from '../../../src/monitor/drift/index.js';
import type { MethodName } from '../../../src/monitor/drift/types.js';
import { falseAlarmBound, normals, oneColumn, sample } from './helpers/calibration-data.js';

const ALPHA = 0.05;
const M = 5000;
const REFS = 4;

function rate(
  method: MethodName,
  n: number,
  trials: number,
  shift: number,
  alpha: number,
  categorical: boolean,
) {
  const z = normals(n * 13 + method.length + Math.round(shift * 10));
  const refs = Array.from({ length: REFS }, () => prepareReference(oneColumn(sample(z, M), categorical)));
  let drifted = 0;
  for (let t = 0; t < trials; t++) {
    const cur = oneColumn(sample(z, n, shift), categorical);
    if (detectDrift(refs[t % REFS]!, cur, { method, alpha }).columns[0]!.drifted) drifted++;
  }
  return drifted;
}

describe.each<[MethodName, boolean]>([
  ['wasserstein', false],
  ['jensenshannon', true],
  ['psi', false],
])('%s against a 5,000-row reference', (method, categorical) => {
  it.each([
    [100, 400],
    [300, 400],
    [1000, 200],
  ])('window %i: false alarms <= alpha (%i trials, 99.5 % binomial bound)', (n, trials) => {
    expect(rate(method, n, trials, 0, ALPHA, categorical)).toBeLessThanOrEqual(
      falseAlarmBound(trials, ALPHA),
    );
  });

  it('window 1,000: a 0.5-sigma shift is caught at alpha / 14 in >= 97 of 100 windows', () => {
    // If the power were only 0.9, 97 or more of 100 would happen with probability 0.8 %.
    expect(rate(method, 1000, 100, 0.5, ALPHA / 14, categorical)).toBeGreaterThanOrEqual(97);
  });
});

describe('Evidently`s fixed 0.1, for contrast', () => {
  it('normalized Wasserstein flags most undrifted 100-row windows', () => {
    const z = normals(77);
    const ref = prepareReference(oneColumn(sample(z, M)));
    let drifted = 0;
    for (let t = 0; t < 100; t++) {
      const cur = oneColumn(sample(z, 100));
      if (detectDrift(ref, cur, { method: 'wasserstein', calibrate: false }).columns[0]!.drifted) drifted++;
    }
    expect(drifted).toBeGreaterThan(50);
  });
});

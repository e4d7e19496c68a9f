/**
 * False alarms of the tests auto picks at <= 1,000 reference rows (ks, chisquare) at every window size
 * from drift.min_rows (100) to engine.window.max_records (10,000), and their power against a 0.5-sigma shift.
 * A fresh reference every trial: a two-sample test's level holds over both samples, not given one reference.
 */
import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../src/monitor/drift/index.js';
import type { MethodName } from '../../../src/monitor/drift/types.js';
import { falseAlarmBound, normals, oneColumn, sample } from './helpers/calibration-data.js';

const ALPHA = 0.05;
const M = 1000;

function rate(
  method: MethodName,
  n: number,
  trials: number,
  shift: number,
  alpha: number,
  categorical: boolean,
) {
  const z = normals(n * 17 + (categorical ? 1 : 0) + Math.round(shift * 10));
  let drifted = 0;
  for (let t = 0; t < trials; t++) {
    const ref = oneColumn(sample(z, M), categorical);
    const cur = oneColumn(sample(z, n, shift), categorical);
    if (detectDrift(ref, cur, { method, alpha }).columns[0]!.drifted) drifted++;
  }
  return drifted;
}

describe.each<[MethodName, boolean]>([
  ['ks', false],
  ['chisquare', true],
])('%s against a 1,000-row reference', (method, categorical) => {
  it.each([
    [100, 400],
    [300, 400],
    [1000, 400],
    [10000, 150],
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

describe('Evidently`s one-sample chi-square, for contrast', () => {
  it('flags most undrifted 10,000-row windows against a 1,000-row reference', () => {
    const z = normals(5);
    let drifted = 0;
    for (let t = 0; t < 50; t++) {
      const ref = oneColumn(sample(z, M), true);
      const cur = oneColumn(sample(z, 10000), true);
      if (detectDrift(ref, cur, { method: 'chisquare', calibrate: false }).columns[0]!.drifted) drifted++;
    }
    expect(drifted).toBeGreaterThan(25);
  });
});

/**
 * Drift of the predicted classes: the population stability index over the class shares of the reference
 * outputs and the current ones, aligned over the union of classes.
 *
 *   PSI = sum_i (cur_i - ref_i) * ln(cur_i / ref_i)
 *
 * with an empty share floored at 1e-4 before the log, as Evidently's `psi` (EMPTY_BUCKET_SHARE). It equals
 * scipy's sum(rel_entr(cur, ref) + rel_entr(ref, cur)), the symmetric Kullback-Leibler divergence, which
 * is how the tests compute their fixtures.
 */
import { countsToPercents } from '../drift/binning.js';
import { psiFromPercents } from '../drift/methods/psi.js';

/** Counts of each predicted class (String(label)), in first-seen order. */
export type ClassCounts = ReadonlyMap<string, number>;

/** The class part of prediction drift: the PSI and the shares it compared. */
export interface ClassShareDrift {
  psi: number;
  /** Each class's share in the reference and in the current window (unfloored), reference classes first. */
  shares: { label: string; reference: number; current: number }[];
}

/** Counts the non-null labels of `labels`. */
export function countClasses(
  labels: Iterable<string | number | boolean | null | undefined>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of labels)
    if (l !== null && l !== undefined) out.set(String(l), (out.get(String(l)) ?? 0) + 1);
  return out;
}

/** The PSI of `current` class counts against `reference`; null when either side has no prediction. */
export function classSharePsi(reference: ClassCounts, current: ClassCounts): ClassShareDrift | null {
  const labels = [...new Set([...reference.keys(), ...current.keys()])];
  const ref = Float64Array.from(labels, (l) => reference.get(l) ?? 0);
  const cur = Float64Array.from(labels, (l) => current.get(l) ?? 0);
  const nRef = ref.reduce((a, b) => a + b, 0);
  const nCur = cur.reduce((a, b) => a + b, 0);
  if (nRef === 0 || nCur === 0) return null;
  // A class the reference never predicted gets the 1e-4 floor: one new class in 10 % of the window is a
  // PSI of about 0.1 * ln(0.1 / 1e-4) = 0.69, loud, as a model answering something new should be.
  const psi = psiFromPercents(countsToPercents({ ref, cur, nRef, nCur }, true));
  const shares = labels.map((label, i) => ({ label, reference: ref[i]! / nRef, current: cur[i]! / nCur }));
  return { psi, shares };
}

/** Which columns a drift report covers, and the checks on them. */

import type { CategoricalColumn, Column, Frame, NumericColumn } from '../frame/types.js';

/** A column present in both frames, with the same kind on both sides. */
export type ColumnPairing =
  | { kind: 'numeric'; name: string; ref: NumericColumn; cur: NumericColumn }
  | { kind: 'categorical'; name: string; ref: CategoricalColumn; cur: CategoricalColumn };

function find(frame: Frame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}

function pairUp(name: string, ref: Column, cur: Column): ColumnPairing {
  if (ref.kind !== cur.kind) {
    throw new Error(`column "${name}" is ${ref.kind} in the reference but ${cur.kind} in the current data`);
  }
  if (ref.kind === 'numeric') return { kind: 'numeric', name, ref, cur: cur as NumericColumn };
  if (ref.kind === 'categorical') return { kind: 'categorical', name, ref, cur: cur as CategoricalColumn };
  throw new Error(
    `column "${name}" is a timestamp column: drift is computed on numeric and categorical columns`,
  );
}

/**
 * The named columns (each must exist in both frames), or by default every numeric and categorical column
 * of the reference that the current frame also has (timestamps are skipped), in reference order.
 */
export function selectColumns(reference: Frame, current: Frame, names?: readonly string[]): ColumnPairing[] {
  if (names !== undefined) {
    return names.map((name) => {
      const ref = find(reference, name);
      const cur = find(current, name);
      if (!ref || !cur) {
        const where = !ref && !cur ? 'either frame' : !ref ? 'the reference' : 'the current data';
        throw new Error(`drift column "${name}" is not in ${where}`);
      }
      return pairUp(name, ref, cur);
    });
  }
  const out: ColumnPairing[] = [];
  for (const ref of reference.columns) {
    const cur = find(current, ref.name);
    if (!cur || ref.kind === 'timestamp' || cur.kind === 'timestamp') continue;
    out.push(pairUp(ref.name, ref, cur));
  }
  return out;
}

/**
 * The performance baseline under the operator's control (issue 12, point 3): where it came from and when,
 * validated when set from a file, persisted in <data_dir>/baseline.json, and removed by a reset so the
 * next scored window is taken again (after a retrain, degradation against the old model's figures is wrong).
 */
import { join } from 'node:path';
import { readJsonFile, removeIfExists, writeFileAtomic } from './data-files.js';
import type { Baseline } from './window-performance.js';

/**
 * Where a baseline came from: `first-window` (taken by the engine from the first window with enough scored
 * predictions, at start or after a reset), `window` (the operator took the current window), `file` (the
 * operator supplied the figures).
 */
export type BaselineSource = 'first-window' | 'window' | 'file';

/** A baseline and its provenance. */
export interface BaselineRecord extends Baseline {
  source: BaselineSource;
  /** When it was adopted, epoch ms (`at` is when its figures were measured). */
  setAt: number;
}

const METRICS = ['accuracy', 'precision', 'recall', 'f1'] as const;

/** Validates operator-supplied figures: accuracy, precision, recall and f1 in 0..1, optional shares. */
export function parseBaseline(body: unknown, now: number): BaselineRecord | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'expected a JSON object with accuracy, precision, recall and f1 (0 to 1)';
  const b = body as Record<string, unknown>;
  for (const k of METRICS) {
    const v = b[k];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      return `${k} = ${JSON.stringify(v)}: expected a number from 0 to 1`;
  }
  const shares = b.predictionShares ?? {};
  if (typeof shares !== 'object' || shares === null || Array.isArray(shares))
    return 'predictionShares: expected an object of label -> share';
  for (const [label, v] of Object.entries(shares))
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      return `predictionShares.${label}: expected a number from 0 to 1`;
  const support = b.support ?? 0;
  if (typeof support !== 'number' || !(support >= 0)) return 'support: expected a count >= 0';
  const at = typeof b.at === 'number' && Number.isFinite(b.at) ? b.at : now;
  const figures = Object.fromEntries(METRICS.map((k) => [k, b[k] as number])) as Pick<
    Baseline,
    (typeof METRICS)[number]
  >;
  return {
    ...figures,
    predictionShares: shares as Record<string, number>,
    support,
    at,
    source: 'file',
    setAt: now,
  };
}

/** The baseline file of a data dir, read and written atomically. */
export interface BaselineStore {
  load(): Promise<BaselineRecord | null>;
  save(b: BaselineRecord): Promise<void>;
  remove(): Promise<void>;
}

/** The store at <dataDir>/baseline.json. */
export function baselineStore(dataDir: string): BaselineStore {
  const file = join(dataDir, 'baseline.json');
  // Writes and removals land in the order they were asked for: the file ends as the last call left it,
  // never as an older write that happened to finish later.
  let chain: Promise<void> = Promise.resolve();
  const serial = (op: () => Promise<void>): Promise<void> => {
    const run = chain.then(op);
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    async load() {
      const raw = (await readJsonFile(file)) as Partial<BaselineRecord> | undefined;
      if (raw === undefined) return null;
      // Files written before provenance was kept were always the first scored window.
      return { ...(raw as Baseline), source: raw.source ?? 'first-window', setAt: raw.setAt ?? raw.at ?? 0 };
    },
    save: (b) => serial(() => writeFileAtomic(file, JSON.stringify(b))),
    remove: () => serial(() => removeIfExists(file)),
  };
}

/**
 * The reference data set: fault-free features from the same market, as CSV or NDJSON, streamed; with
 * `outputs`, also the model's prediction and confidence on each row, the reference prediction drift needs.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { FEATURE_NAMES, type Features } from './features.js';
import { createMarket } from './market.js';
import { predict } from './model.js';
import { createRng } from './rng.js';

/** Size and seed of a reference set. */
export interface ReferenceOptions {
  /** Default 5000. */
  rows?: number;
  /** Default 7. The reference draws from its own stream, so it never replays a live run of the same seed. */
  seed?: number;
  /**
   * Add the model's `prediction` and `confidence` columns (empty on a failed prediction): the outputs the
   * engine measures prediction drift against. Default false: features only.
   */
  outputs?: boolean;
}

/** The output columns `outputs` adds, after the features (the engine reads them by these names). */
export const OUTPUT_NAMES = ['prediction', 'confidence'] as const;
type Row = Features & { prediction?: string | null; confidence?: number | null };

/** The output formats; `referenceFormat` picks one from a file name. */
export type ReferenceFormat = 'csv' | 'ndjson';

const REFERENCE_STREAM = 5;
const REFERENCE_MODEL_STREAM = 6;

/** `rows` feature vectors, without faults: what the model was trained on (and its outputs, with `outputs`). */
export function* referenceRows(opts: ReferenceOptions = {}): Generator<Row> {
  const rows = opts.rows ?? 5000;
  if (!Number.isInteger(rows) || rows < 0)
    throw new RangeError(`rows must be a whole number >= 0, got ${rows}`);
  const market = createMarket(opts.seed ?? 7, REFERENCE_STREAM);
  const model = opts.outputs ? createRng(opts.seed ?? 7, REFERENCE_MODEL_STREAM) : null;
  for (let i = 0; i < rows; i++) {
    const tick = market.next();
    if (model === null) {
      yield tick.features;
      continue;
    }
    const out = predict(tick, model);
    yield { ...tick.features, prediction: out.prediction ?? null, confidence: out.confidence ?? null };
  }
}

/** NDJSON for .ndjson and .jsonl files (DESIGN.md "Input files"), CSV otherwise. */
export function referenceFormat(file: string): ReferenceFormat {
  return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'csv';
}

/** A CSV cell: empty for a missing value, RFC 4180 quoting when needed. */
function csvCell(v: number | string | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The lines of a reference file, each ending in a newline: the CSV header first, then one line per row. */
export function* referenceLines(format: ReferenceFormat, opts: ReferenceOptions = {}): Generator<string> {
  const names: readonly (keyof Row)[] = opts.outputs ? [...FEATURE_NAMES, ...OUTPUT_NAMES] : FEATURE_NAMES;
  if (format === 'csv') yield `${names.join(',')}\n`;
  for (const row of referenceRows(opts)) {
    yield format === 'csv'
      ? `${names.map((f) => csvCell(row[f] ?? null)).join(',')}\n`
      : `${JSON.stringify(row)}\n`;
  }
}

/**
 * Writes a reference file in chunks, honouring backpressure, so 1,000,000 rows never sit in memory as one
 * string. Resolves with the rows written and the format; rejects when the file cannot be written.
 */
export async function writeReference(
  file: string,
  opts: ReferenceOptions = {},
): Promise<{ file: string; rows: number; format: ReferenceFormat }> {
  const format = referenceFormat(file);
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => {}); // observed below; keeps an early error from being reported as unhandled
  let chunk = '';
  let rows = -(format === 'csv' ? 1 : 0);
  try {
    for (const line of referenceLines(format, opts)) {
      chunk += line;
      rows++;
      if (chunk.length >= 64 * 1024) {
        const ok = out.write(chunk);
        chunk = '';
        if (!ok) await Promise.race([once(out, 'drain'), failed]);
      }
    }
    out.end(chunk);
    await Promise.race([once(out, 'finish'), failed]);
  } catch (err) {
    out.destroy();
    throw err;
  }
  return { file, rows, format };
}

/** Turns one input record (NDJSON line or engine prediction record) into flat column -> scalar cells. */

/** True for the values a cell can hold: null, numbers, strings, booleans. */
function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

/** True for a plain JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The flattening rule, kept deliberately small:
 * 1. Top-level scalar fields (null, number, string, boolean) become columns of the same name.
 * 2. `features: {...}` (the engine's prediction-record contract) is lifted one level: `features.close`
 *    becomes column `close`, so frames from records line up with CSV frames of the same features.
 *    If the record also has a top-level scalar of that name, the feature keeps the dotted name
 *    `features.close` instead, so neither value is lost.
 * 3. Every other object or array value is skipped: a frame cell is a scalar.
 * Calls `visit(column, value)` per cell, in that order, without building an intermediate object.
 */
export function visitCells(
  record: Readonly<Record<string, unknown>>,
  visit: (column: string, value: unknown) => void,
): void {
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (isScalar(v)) visit(key, v);
  }
  const features = record.features;
  if (!isPlainObject(features)) return;
  for (const key of Object.keys(features)) {
    const v = features[key];
    if (!isScalar(v)) continue;
    const clashes = Object.hasOwn(record, key) && isScalar(record[key]);
    visit(clashes ? `features.${key}` : key, v);
  }
}

/** The flattened record as an object (see visitCells for the rule). */
export function flattenRecord(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  visitCells(record, (column, value) => {
    out[column] = value;
  });
  return out;
}

/** Pure builders for frames held in memory: the engine's ingested records, or ready-made column arrays. */
import { isTimestampName } from './cells.js';
import { pushAny } from './column-sink.js';
import { FrameError } from './errors.js';
import { createSink, FrameBuilder } from './frame-builder.js';
import { checkSchema } from './schema-check.js';
import type { Column, FrameResult, Schema } from './types.js';

/** Builds a frame from records, flattened by `flattenRecord` (so `features.x` becomes column `x`). */
export function frameFromRecords(
  records: ReadonlyArray<Readonly<Record<string, unknown>>>,
  schema?: Schema,
): FrameResult {
  const builder = new FrameBuilder(schema);
  for (const record of records) builder.addRecord(record);
  return builder.finish();
}

/**
 * Builds a frame from named columns of equal length. Cells follow the same rules as file input (types
 * inferred, or coerced to `schema`). A Float64Array whose schema type is float64, or absent for a name
 * that is not timestamp-like, takes a fast path: copied with non-finite values turned into NaN.
 * Throws FrameError when lengths differ.
 */
export function frameFromColumns(
  columns: Readonly<Record<string, ArrayLike<unknown>>>,
  schema?: Schema,
): FrameResult {
  const names = Object.keys(columns);
  const rows = names.length === 0 ? 0 : columns[names[0]!]!.length;
  const built: Column[] = [];
  for (const name of names) {
    const cells = columns[name]!;
    if (cells.length !== rows) {
      throw new FrameError(`frameFromColumns: column "${name}" has ${cells.length} values, expected ${rows}`);
    }
    const expected = schema?.[name];
    const fast = expected === 'float64' || (expected === undefined && !isTimestampName(name));
    if (cells instanceof Float64Array && fast) {
      built.push(numericFromFloat64(name, cells));
      continue;
    }
    const sink = createSink(name, schema);
    for (let i = 0; i < rows; i++) pushAny(sink, cells[i]);
    built.push(sink.finish());
  }
  const frame = { rows, columns: built };
  return { frame, schemaIssues: schema === undefined ? [] : checkSchema(frame, schema) };
}

/** A numeric column from a Float64Array: +/-inf become NaN, dtype int64 when every value is integral. */
function numericFromFloat64(name: string, src: Float64Array): Column {
  const values = new Float64Array(src.length);
  let integral = true;
  let present = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    // v - v is 0 for finite v and NaN for NaN and +/-inf.
    if (v - v === 0) {
      values[i] = v;
      present++;
      if (integral && !Number.isInteger(v)) integral = false;
    } else values[i] = Number.NaN;
  }
  const dtype = integral && present > 0 ? 'int64' : 'float64';
  return { kind: 'numeric', name, dtype, values, invalid: 0 };
}

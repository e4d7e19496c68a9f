/** Compares a frame against an expected schema: the guide's "Data Type Validation", reported not raised. */
import { CoercingColumn } from './coercing-column.js';
import type { Column, DType, Frame, Schema, SchemaIssue } from './types.js';
import { OHLCV_SCHEMA } from './types.js';

/** A schema, or 'ohlcv' for the guide's default OHLCV_SCHEMA. */
export type SchemaOption = Schema | 'ohlcv';

/** Resolves 'ohlcv' to OHLCV_SCHEMA; passes other schemas (and undefined) through. */
export function resolveSchema(schema: SchemaOption | undefined): Schema | undefined {
  return schema === 'ohlcv' ? OHLCV_SCHEMA : schema;
}

/**
 * The guide raises `ValueError` on the first column whose dtype differs from the expected one; we report
 * every problem instead: each expected column that is absent, and each column with cells that do not
 * fit its expected type (the count is how many). int64 where float64 is expected fits (lossless).
 */
export function checkSchema(frame: Frame, schema: Schema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [name, expected] of Object.entries(schema)) {
    const col = frame.columns.find((c) => c.name === name);
    if (col === undefined) {
      issues.push({
        code: 'missing_column',
        column: name,
        expected,
        message: `expected column "${name}" (${expected}) is missing`,
      });
      continue;
    }
    const count = mismatchCount(col, expected);
    if (count > 0) {
      issues.push({
        code: 'type_mismatch',
        column: name,
        expected,
        actual: col.dtype,
        count,
        message: `${count} of ${frame.rows} cells in "${name}" are not ${expected} (column is ${col.dtype})`,
      });
    }
  }
  return issues;
}

/** Cells of `col` that do not fit `expected`: its own invalid count plus cells that fail coercion. */
export function mismatchCount(col: Column, expected: DType): number {
  if (col.dtype === expected || (expected === 'float64' && col.dtype === 'int64') || expected === 'string') {
    return col.invalid;
  }
  const sink = new CoercingColumn(col.name, expected);
  let extra = 0;
  if (col.kind === 'categorical') {
    for (const v of col.values) {
      if (v === null) continue;
      if (col.dtype === 'bool') sink.pushBool(v === 'true');
      else sink.pushText(v);
    }
  } else if (col.kind === 'numeric') {
    for (const v of col.values) if (!Number.isNaN(v)) sink.pushNumber(v);
  } else {
    // A datetime column is never numeric or boolean, whatever its epoch values would coerce to.
    for (const v of col.values) if (!Number.isNaN(v)) extra++;
  }
  return col.invalid + extra + sink.finish().invalid;
}

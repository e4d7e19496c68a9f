/** Frames: typed columnar data read from CSV / NDJSON or built in memory, plus schema checks. */
export {
  isMissingText,
  isTimestampName,
  MISSING_TOKENS,
  parseBoolText,
  parseIsoDate,
  parseNumberText,
} from './cells.js';
export { FrameError } from './errors.js';
export { flattenRecord, visitCells } from './flatten.js';
export { FrameBuilder } from './frame-builder.js';
export { frameFromColumns, frameFromRecords } from './from-memory.js';
export type { ReadFrameOptions } from './read-frame.js';
export { FRAME_EXTENSIONS, readFrame } from './read-frame.js';
export type { SchemaOption } from './schema-check.js';
export { checkSchema, mismatchCount, resolveSchema } from './schema-check.js';
export type {
  CategoricalColumn,
  Column,
  DType,
  Frame,
  FrameResult,
  NumericColumn,
  Schema,
  SchemaIssue,
  SchemaIssueCode,
  TimestampColumn,
} from './types.js';
export { column, columnNames, numericColumns, OHLCV_SCHEMA } from './types.js';

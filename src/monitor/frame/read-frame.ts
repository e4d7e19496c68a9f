/** Reads an input file into a frame, choosing the parser from the file extension. */
import { extname } from 'node:path';
import { FrameError } from './errors.js';
import { readCsv } from './read-csv.js';
import { readNdjson } from './read-ndjson.js';
import type { SchemaOption } from './schema-check.js';
import { resolveSchema } from './schema-check.js';
import type { FrameResult } from './types.js';

/** Options for readFrame. */
export interface ReadFrameOptions {
  /** Coerce these columns to these types ('ohlcv' for the guide's OHLCV_SCHEMA); others are inferred. */
  schema?: SchemaOption;
}

/** The extensions readFrame accepts, per DESIGN.md: CSV with a header row, or NDJSON. */
export const FRAME_EXTENSIONS = ['.csv', '.ndjson', '.jsonl'] as const;

/**
 * Streams `path` into a typed frame: .csv (header row), .ndjson or .jsonl. Schema problems come back as
 * `schemaIssues`; unreadable or unparseable files throw FrameError naming file:line.
 */
export async function readFrame(path: string, opts: ReadFrameOptions = {}): Promise<FrameResult> {
  const schema = resolveSchema(opts.schema);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return readCsv(path, schema);
  if (ext === '.ndjson' || ext === '.jsonl') return readNdjson(path, schema);
  throw new FrameError(
    `unsupported file type "${ext || '(none)'}"; expected ${FRAME_EXTENSIONS.join(', ')}`,
    path,
  );
}

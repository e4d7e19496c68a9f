/** Streams a CSV file (header row first) into a typed frame. */
import type { ColumnSink } from './column-sink.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { FrameError } from './errors.js';
import { parseDecimalBytes } from './fast-number.js';
import { FrameBuilder } from './frame-builder.js';
import { pump } from './read-chunks.js';
import type { FrameResult, Schema } from './types.js';

/**
 * Header names as pandas' read_csv makes them: an empty name becomes `Unnamed: i`, and a repeated
 * name gets a numeric suffix (`a`, `a.1`, `a.2`), so every column stays addressable.
 */
export function headerNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, i) => {
    let unique = name === '' ? `Unnamed: ${i}` : name;
    for (let k = 1; seen.has(unique); k++) unique = `${name}.${k}`;
    seen.add(unique);
    return unique;
  });
}

/** Reads a CSV file in 1 MiB chunks; throws FrameError (file:line) for ragged rows and broken quoting. */
export async function readCsv(file: string, schema?: Schema): Promise<FrameResult> {
  const builder = new FrameBuilder(schema);
  let sinks: ColumnSink[] | null = null;
  const tokenizer = new CsvTokenizer(file, (t, fields, line) => {
    if (sinks === null) {
      const raw = Array.from({ length: fields }, (_, k) => t.text(k));
      sinks = headerNames(raw).map((name) => builder.column(name));
      return;
    }
    if (fields !== sinks.length) {
      throw new FrameError(`expected ${sinks.length} fields, found ${fields}`, file, line);
    }
    const { data, starts, ends, quoted } = t;
    for (let k = 0; k < fields; k++) {
      const sink = sinks[k]!;
      const start = starts[k]!;
      const end = ends[k]!;
      if (quoted[k] === 0) {
        if (start === end) {
          sink.pushMissing();
          continue;
        }
        if (sink.acceptsNumbers) {
          // Plain decimals go straight from bytes to the column; anything else becomes text.
          const v = parseDecimalBytes(data, start, end);
          if (!Number.isNaN(v)) {
            sink.pushNumber(v);
            continue;
          }
        }
      }
      sink.pushText(t.text(k));
    }
    builder.endRow();
  });
  await pump(file, (chunk) => tokenizer.feed(chunk));
  tokenizer.end();
  if (sinks === null) throw new FrameError('empty file: expected a header row', file, 1);
  return builder.finish();
}

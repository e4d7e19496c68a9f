/** Streams an NDJSON / JSON Lines file (one JSON object per line) into a typed frame. */
import { StringDecoder } from 'node:string_decoder';
import { FrameError } from './errors.js';
import { isPlainObject } from './flatten.js';
import { FrameBuilder } from './frame-builder.js';
import { pump } from './read-chunks.js';
import type { FrameResult, Schema } from './types.js';

/**
 * Reads one record per line, flattened by `flattenRecord`. Blank lines are skipped; a line that is not
 * valid JSON, or is JSON but not an object, throws FrameError naming file:line.
 */
export async function readNdjson(file: string, schema?: Schema): Promise<FrameResult> {
  const builder = new FrameBuilder(schema);
  const decoder = new StringDecoder('utf8');
  let tail = '';
  let line = 0;
  const onLine = (text: string): void => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new FrameError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`, file, line);
    }
    if (!isPlainObject(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      throw new FrameError(`expected a JSON object, found ${kind}`, file, line);
    }
    builder.addRecord(value);
  };
  await pump(file, (chunk) => {
    const text = tail + decoder.write(chunk);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(text.slice(from, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      from = nl + 1;
    }
    tail = text.slice(from);
  });
  const last = tail + decoder.end();
  if (last !== '') onLine(last.endsWith('\r') ? last.slice(0, -1) : last);
  return builder.finish();
}

/**
 * IngestWorkers on real threads: its worker file exists only in a build, so the engine's ingest modules are
 * transpiled into a temp dir laid out like dist/. Bodies prepared on the threads must equal those prepared
 * inline, refusals included; small bodies stay inline.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE_BELOW_BYTES, IngestWorkers } from '../../src/engine/ingest-workers.js';
import { type PreparedBatch, preparePredictions } from '../../src/engine/prepare-batch.js';
import { transpileToTemp } from '../helpers/transpile.js';

const AT = Date.UTC(2024, 4, 1, 12, 0, 0);
let built: { dir: string; remove: () => void };
let workers: IngestWorkers;

beforeAll(() => {
  built = transpileToTemp(['engine/ingest-worker.ts']);
  workers = new IngestWorkers(2, pathToFileURL(join(built.dir, 'engine/ingest-worker.js')));
});
afterAll(async () => {
  await workers.close();
  built.remove();
});

const record = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `r${n}`,
    ts: AT - n,
    features: Object.fromEntries(Array.from({ length: 20 }, (_, f) => [`f${f}`, (n * f) / 7])),
    prediction: n % 2 ? 'up' : 'down',
    latency_seconds: 0.01,
    ...extra,
  });
/** A prepared batch with its log as text (a transferred Buffer arrives as a plain Uint8Array). */
const comparable = (b: PreparedBatch) =>
  b.kind === 'ok' ? { ...b, log: 'bytes' in b.log ? Buffer.from(b.log.bytes).toString() : b.log } : b;
const body = (n: number, extra?: (i: number) => Record<string, unknown>) =>
  Array.from({ length: n }, (_, i) => record(i, extra?.(i))).join('\n');

describe('IngestWorkers', () => {
  it('prepares big bodies on the threads exactly as inline', async () => {
    const cases = [
      body(300),
      body(300, (i) => (i % 50 === 0 ? { id: undefined } : {})), // ids to splice in on the engine thread
      body(300, (i) => (i === 123 ? { confidence: 7 } : {})), // refused
      `${body(200)}\n{"id":"x",`, // malformed
    ];
    for (const text of cases) {
      expect(text.length).toBeGreaterThan(INLINE_BELOW_BYTES);
      const bytes = new Uint8Array(Buffer.from(text));
      const threaded = await workers.prepare(bytes, 'application/x-ndjson', AT);
      expect(bytes.byteLength).toBe(text.length); // copied, never detached (see IngestWorkers.prepare)
      expect(comparable(threaded)).toEqual(comparable(preparePredictions(text, 'application/x-ndjson', AT)));
    }
  });

  it('runs concurrent bodies on both threads and pairs each answer with its body', async () => {
    const texts = Array.from({ length: 8 }, (_, k) => body(100 + k));
    const got = await Promise.all(texts.map((t) => workers.prepare(Buffer.from(t), undefined, AT)));
    expect(got.map((b) => (b.kind === 'ok' ? b.columns.rows : -1))).toEqual(texts.map((_, k) => 100 + k));
  });

  it('keeps small bodies inline and falls back to inline once closed', async () => {
    const unbuilt = new IngestWorkers(2, new URL('file:///nonexistent/ingest-worker.js'));
    const text = body(400);
    expect(await unbuilt.prepare(text, undefined, AT)).toEqual(preparePredictions(text, undefined, AT));
    const small = body(3);
    expect(await workers.prepare(small, undefined, AT)).toEqual(preparePredictions(small, undefined, AT));
  });
});

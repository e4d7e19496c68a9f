/**
 * preparePredictions (what an ingest thread runs) against the engine-thread path it replaced: parseBody,
 * validatePredictions with the engine's idGen, encodeEntries. Same refusals, same records (as columns),
 * same log bytes, for plain batches (the fast path) and for every unusual form (the full path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEntries, type LogEntry } from '../../src/engine/event-log/index.js';
import { parseBody } from '../../src/engine/parse-body.js';
import { isPlainRecord } from '../../src/engine/plain-record.js';
import { logBytes, type PreparedBatch, preparePredictions } from '../../src/engine/prepare-batch.js';
import { type RecordColumns, recordsToColumns } from '../../src/engine/record-columns.js';
import { validatePredictions } from '../../src/engine/records.js';

const AT = Date.UTC(2024, 4, 1, 12, 0, 0);
const NDJSON = 'application/x-ndjson';

/** The engine-thread path before ingest threads: the reference outcome. */
function reference(text: string, contentType: string | undefined) {
  let seq = 0;
  const parsed = parseBody(text, contentType);
  if (!parsed.ok) return { kind: 'refused', error: parsed.error, rejected: parsed.rejected };
  if (parsed.items.length === 0) return { kind: 'empty' };
  const batch = validatePredictions(parsed.items, {
    receivedAt: AT,
    idGen: () => `gen-${seq++}`,
    ...(parsed.lines ? { lines: parsed.lines } : {}),
  });
  if (!batch.ok) return { kind: 'refused', error: batch.error, rejected: batch.rejected };
  const entries: LogEntry[] = batch.records.map((rec, i) => {
    const raw = batch.verbatim?.[i];
    return raw === undefined ? { t: 'p', ts: AT, rec } : { t: 'p', ts: AT, rec, raw };
  });
  return {
    kind: 'ok',
    columns: recordsToColumns(batch.records),
    log: encodeEntries(entries).data.toString(),
  };
}

/** The new path, with ids assigned as ingest.ts assigns them; given the body as text and as bytes. */
function prepared(text: string, contentType: string | undefined) {
  const fromText = preparedFrom(text, contentType);
  expect(preparedFrom(new Uint8Array(Buffer.from(text)), contentType)).toEqual(fromText);
  return fromText;
}

function preparedFrom(body: string | Uint8Array, contentType: string | undefined) {
  const p: PreparedBatch = preparePredictions(body, contentType, AT);
  if (p.kind !== 'ok') return p.kind === 'refused' ? { ...p, rejected: p.rejected } : p;
  let seq = 0;
  const ids: string[] = [];
  const columns: RecordColumns = p.columns;
  for (let i = 0; i < columns.rows; i++) if (columns.id[i] === '') ids.push((columns.id[i] = `gen-${seq++}`));
  return { kind: 'ok', columns, log: logBytes(p.log, ids).toString() };
}

const plain = (n: number) => ({
  id: `r${n}`,
  ts: AT - 1000 + n,
  model: 'lgbm-v3',
  asset_class: 'crypto',
  features: { f0: n / 7, f1: -n, sym: n % 2 ? 'BTC' : 'ETH', gap: null },
  prediction: n % 2 ? 'up' : 'down',
  confidence: 0.5,
  latency_seconds: 0.012,
  spread: 0.1,
  spread_limit: 1,
});
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('preparePredictions gives what parse + validate + encodeEntries gave', () => {
  const bodies: [string, string, string | undefined][] = [
    ['plain NDJSON (the fast path)', lines([plain(1), plain(2), plain(3)]), NDJSON],
    [
      'plain NDJSON with CRLF, blank lines and a BOM',
      `\ufeff${lines([plain(1)])}\r\n\r\n${lines([plain(2)])}\n`,
      NDJSON,
    ],
    ['a JSON array', JSON.stringify([plain(1), plain(2)]), 'application/json'],
    ['non-ASCII text', lines([plain(1), { ...plain(2), features: { city: 'Zürich ✓' } }]), NDJSON],
    ['blank lines of every ASCII space', `\t\v\f \r\n${lines([plain(1), plain(2)])}\n \n\n`, NDJSON],
    [
      'ids missing, numeric and null',
      lines([
        { ...plain(1), id: undefined },
        { ...plain(2), id: 7 },
        { ...plain(3), id: null },
        plain(4),
        { ...plain(5), id: undefined },
      ]),
      NDJSON,
    ],
    [
      'ISO ts, no ts, latency_ms, error ""',
      lines([
        { ...plain(1), ts: '2024-05-01T11:00:00Z' },
        { ...plain(2), ts: undefined },
        { ...plain(3), latency_seconds: undefined, latency_ms: 12 },
        { ...plain(4), error: '' },
      ]),
      NDJSON,
    ],
    [
      'a failed prediction',
      lines([{ ...plain(1), prediction: undefined, error: 'timeout' }, plain(2)]),
      NDJSON,
    ],
    [
      'no id at the first and last record of a JSON array',
      JSON.stringify([{ ...plain(1), id: undefined }, plain(2), { ...plain(3), id: undefined }]),
      undefined,
    ],
    [
      'a bad record',
      lines([plain(1), { ...plain(2), confidence: 2 }, { ...plain(3), confidance: 1 }]),
      NDJSON,
    ],
    ['a bad feature', lines([plain(1), { ...plain(2), features: { f0: [1] } }]), NDJSON],
    ['malformed JSON', `${lines([plain(1)])}\n{"id":`, NDJSON],
    ['nothing', '\n\n', NDJSON],
    ['not an array', '{"a":1}', 'application/json'],
  ];
  it.each(bodies)('%s', (_name, text, type) => {
    expect(prepared(text, type)).toEqual(reference(text, type));
  });

  it('holds for random mixes of plain and unusual records', () => {
    const rec = fc.record(
      {
        id: fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer({ min: 0, max: 99 }),
          fc.string({ minLength: 1, maxLength: 4 }),
        ),
        ts: fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: 1e12, max: 2e12 }),
          fc.constant('2024-05-01T11:00:00.5Z'),
          fc.constant(5),
        ),
        model: fc.oneof(fc.constant(undefined), fc.constant('m1'), fc.constant('')),
        features: fc.dictionary(
          fc.constantFrom('a', 'b', 'c', '1', '0'),
          fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('x', null)),
        ),
        prediction: fc.oneof(fc.constant(undefined), fc.constantFrom('up', 'down', 1)),
        error: fc.oneof(fc.constant(undefined), fc.constantFrom('', 'timeout')),
        latency_seconds: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true })),
        latency_ms: fc.oneof(fc.constant(undefined), fc.constant(20)),
      },
      { requiredKeys: ['features'] },
    );
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 8 }), fc.boolean(), (records, asArray) => {
        const text = asArray ? JSON.stringify(records) : lines(records);
        expect(prepared(text, undefined)).toEqual(reference(text, undefined));
      }),
      { numRuns: 300 },
    );
  });
});

describe('isPlainRecord', () => {
  it('is true only for records validation keeps as they are', () => {
    const parsed = (r: unknown) => JSON.parse(JSON.stringify(r)) as unknown;
    expect(isPlainRecord(parsed(plain(1)))).toBe(true);
    expect(isPlainRecord(parsed({ ...plain(1), prediction: undefined, error: 'timeout' }))).toBe(true);
    for (const odd of [
      { ...plain(1), id: 5 },
      { ...plain(1), ts: '2024-05-01T11:00:00Z' },
      { ...plain(1), model: null },
      { ...plain(1), latency_ms: 12 },
      { ...plain(1), error: '' },
      { ...plain(1), prediction: undefined },
      { ...plain(1), toString: 'x' },
      { ...plain(1), features: { f: [1] } },
      { ...plain(1), features: { '': 1 } },
    ]) {
      expect(isPlainRecord(parsed(odd))).toBe(false);
    }
  });
});

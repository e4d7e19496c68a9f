import { describe, expect, it } from 'vitest';
import { createRecordSource, faultSet, generateRecords } from '../../src/sim/index.js';

// The engine refuses unknown fields (DESIGN.md "Engine HTTP contract"); these are the ones it knows.
const CONTRACT = new Set([
  'id',
  'ts',
  'model',
  'asset_class',
  'features',
  'prediction',
  'confidence',
  'latency_seconds',
  'latency_ms',
  'error',
  'actual',
  'spread',
  'spread_limit',
]);

describe('createRecordSource', () => {
  // JSON text compares 400 records in a millisecond; a deep toEqual takes seconds.
  const text = (...args: Parameters<typeof generateRecords>) => JSON.stringify(generateRecords(...args));

  it('gives the same records for the same seed', () => {
    expect(text(400, { seed: 7 })).toBe(text(400, { seed: 7 }));
    const faults = faultSet('quality', 'errors', 'drift');
    expect(text(400, { seed: 7, faults })).toBe(text(400, { seed: 7, faults }));
    expect(text(50, { seed: 7 })).not.toBe(text(50, { seed: 8 }));
  });

  it('numbers ids under the prefix and stamps the given time', () => {
    const source = createRecordSource({ seed: 1, idPrefix: 'run-a' });
    const [first] = source.next(Date.UTC(2026, 10, 23, 12));
    const [second] = source.next(Date.UTC(2026, 10, 23, 12, 0, 1));
    expect(first!.record.id).toBe('run-a-1');
    expect(second!.record.id).toBe('run-a-2');
    expect(first!.record.ts).toBe('2026-11-23T12:00:00.000Z');
  });

  it('switching a fault on changes the records that follow, and only those', () => {
    const a = createRecordSource({ seed: 3 });
    const b = createRecordSource({ seed: 3 });
    const t = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 100; i++) expect(JSON.stringify(b.next(t))).toBe(JSON.stringify(a.next(t)));
    const slow = b.next(t, faultSet('latency'))[0]!;
    const plain = a.next(t)[0]!;
    expect(slow.record.features).toEqual(plain.record.features);
    expect(slow.record.latency_seconds).toBeGreaterThan(plain.record.latency_seconds);
  });

  it('sends only contract fields, never the actual, and round-trips through JSON', () => {
    const gens = generateRecords(2000, { seed: 5, faults: faultSet('quality', 'errors') });
    const keys = new Set(gens.flatMap((g) => Object.keys(g.record)));
    expect([...keys].filter((k) => !CONTRACT.has(k) || k === 'actual')).toEqual([]);
    const json = JSON.stringify(gens.map((g) => g.record));
    expect(JSON.stringify(JSON.parse(json))).toBe(json); // no undefined, NaN or Infinity lost on the way
  });
});

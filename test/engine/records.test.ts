import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochMs, validateActuals, validatePredictions } from '../../src/engine/records.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
let counter = 0;
const opts = { receivedAt: NOW, idGen: () => `gen-${++counter}` };
const base = { features: { close: 101.5, symbol: 'BTC', volume: null }, prediction: 'up' };

function rejectOne(extra: Record<string, unknown>, drop: string[] = []) {
  const rec: Record<string, unknown> = { ...base, ...extra };
  for (const k of drop) delete rec[k];
  const r = validatePredictions([base, rec], opts);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(rec)}`);
  return r;
}

describe('validatePredictions: accepted records are normalised', () => {
  it('fills ts from the receive time and id from idGen, and keeps given ones', () => {
    const r = validatePredictions([base, { ...base, id: 42, ts: 1714564800000 }], opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records[0]).toMatchObject({ ts: NOW, features: base.features, prediction: 'up' });
    expect(r.records[0]!.id).toMatch(/^gen-\d+$/);
    expect(r.records[1]).toMatchObject({ id: '42', ts: 1714564800000 });
  });

  it('converts latency_ms to seconds and accepts both when they agree', () => {
    const r = validatePredictions(
      [
        { ...base, latency_ms: 250 },
        { ...base, latency_seconds: 0.1 },
        { ...base, latency_ms: 120, latency_seconds: 0.12 },
      ],
      opts,
    );
    expect(r.ok && r.records.map((x) => x.latency_seconds)).toEqual([0.25, 0.1, 0.12]);
    expect(r.ok && 'latency_ms' in r.records[0]!).toBe(false);
  });

  it('treats null optionals as absent, error "" as success, and lets a failed prediction omit prediction', () => {
    const r = validatePredictions(
      [
        { ...base, confidence: null, actual: null, error: '' },
        { features: {}, error: 'timeout', latency_seconds: 5 },
      ],
      opts,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records[0]!.confidence).toBeUndefined();
    expect(r.records[0]!.error).toBeUndefined();
    expect(r.records[1]).toMatchObject({ error: 'timeout', latency_seconds: 5 });
    expect(r.records[1]).not.toHaveProperty('prediction');
    expect(Object.keys(r.records[0]!)).toEqual(['id', 'ts', 'features', 'prediction']); // no undefined keys
  });

  it('does not call idGen when the batch is refused', () => {
    let calls = 0;
    const r = validatePredictions([base, { ...base, confidence: 2 }], {
      ...opts,
      idGen: () => `x${++calls}`,
    });
    expect(r.ok).toBe(false);
    expect(calls).toBe(0);
  });
});

describe('validatePredictions: verbatim source text', () => {
  it('marks records that normalisation left unchanged, so the log can store their text', () => {
    const lines = [
      '{"id":"a","ts":1714564800000,"features":{"x":1.1},"prediction":"up","latency_seconds":0.1}',
      '{"ts":1714564800000,"features":{},"prediction":1}', // id generated
      '{"id":"c","ts":"2024-05-01T12:00:00Z","features":{},"prediction":1}', // ts converted
      '{"id":"d","ts":1714564800000,"features":{},"prediction":1,"latency_ms":5}', // unit converted
      '{"id":"e","ts":1714564800000,"features":{},"prediction":1,"confidence":null}', // null dropped
      '{"id":7,"ts":1714564800000,"features":{},"prediction":1}', // id stringified
      '{"id":"g","features":{},"prediction":1}', // ts filled in
    ];
    const r = validatePredictions(
      lines.map((l) => JSON.parse(l)),
      { ...opts, lines },
    );
    expect(r.ok && r.verbatim).toEqual([
      lines[0],
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(r.ok && JSON.parse(lines[0]!)).toEqual(r.ok && r.records[0]);
    expect(validatePredictions([base], opts)).not.toHaveProperty('verbatim');
  });
});

describe('toEpochMs', () => {
  it.each([
    ['2024-05-01T12:00:00Z', NOW],
    ['2024-05-01T12:00:00', NOW], // zone-less is UTC (Python utcnow().isoformat())
    ['2024-05-01T12:00:00.123456', NOW + 123],
    ['2024-05-01 14:00:00+02:00', NOW],
    ['2024-05-01T07:30:00-0430', NOW],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    [1714564800000, NOW],
  ])('%s -> %d', (input, ms) => expect(toEpochMs(input)).toBe(ms));

  it.each([
    ['2024-02-30T00:00:00Z', 'ISO-8601'],
    ['2024-05-01T24:00:00Z', 'ISO-8601'],
    ['0050-01-01', 'ISO-8601'],
    ['yesterday', 'ISO-8601'],
    [1714564800, 'epoch seconds'],
    [Number.POSITIVE_INFINITY, 'finite'],
    [true, 'got boolean true'],
  ])('refuses %s', (input, reason) => {
    const r = toEpochMs(input);
    expect(typeof r === 'object' && r.reason).toContain(reason);
  });
});

describe('validatePredictions: each field rule', () => {
  it.each([
    [{ id: '' }, 'id', 'expected a non-empty string'],
    [{ id: 2 ** 60 }, 'id', 'below 2^53'],
    [{ id: true }, 'id', 'got boolean true'],
    [{ ts: 'soon' }, 'ts', 'got string "soon"'],
    [{ model: 3 }, 'model', 'expected a non-empty string, got number 3'],
    [{ asset_class: 'x'.repeat(300) }, 'asset_class', 'too long'],
    [{ prediction: Number.NaN }, 'prediction', 'finite'],
    [{ prediction: {} }, 'prediction', 'got an object'],
    [{ confidence: 1.5 }, 'confidence', 'from 0 to 1, got number 1.5'],
    [{ confidence: '0.5' }, 'confidence', 'got string "0.5"'],
    [{ latency_seconds: -1 }, 'latency_seconds', '>= 0'],
    [{ latency_ms: 'NaN' }, 'latency_ms', 'expected a number >= 0, got string "NaN"'],
    [{ latency_ms: 100, latency_seconds: 0.2 }, 'latency_ms', 'disagrees'],
    [{ error: false }, 'error', 'error type'],
    [{ actual: [] }, 'actual', 'got an array'],
    [{ spread: Number.POSITIVE_INFINITY }, 'spread', 'finite'],
    [{ spread_limit: -0.5 }, 'spread_limit', '>= 0'],
    [{ features: [1, 2] }, 'features', 'got an array'],
    [
      { features: { close: 'abc', open: true } },
      'features.open',
      'a number, a string or null, got boolean true',
    ],
    [{ features: { close: Number.NEGATIVE_INFINITY } }, 'features.close', 'finite'],
    [{ features: { '': 1 } }, 'features.', 'feature names'],
    [{ confidance: 0.9 }, 'confidance', 'did you mean "confidence"'],
    [{ timestamp: 1 }, 'timestamp', 'unknown field'],
  ])('%j -> %s', (extra, field, reason) => {
    const r = rejectOne(extra);
    expect(r.rejected).toEqual([{ index: 1, field, reason: expect.stringContaining(reason) }]);
    expect(r.error).toContain(`record 1, ${field}`);
  });

  it('requires features, and prediction unless there is an error', () => {
    expect(rejectOne({}, ['features']).rejected).toEqual([
      { index: 1, field: 'features', reason: 'required' },
    ]);
    expect(rejectOne({ prediction: null }).rejected[0]).toMatchObject({ field: 'prediction' });
  });

  it('refuses non-objects by index', () => {
    const r = validatePredictions([base, [], 'x', null], opts);
    expect(!r.ok && r.rejected.map((x) => [x.index, x.field])).toEqual([
      [1, ''],
      [2, ''],
      [3, ''],
    ]);
  });

  it('lists every bad field of every record, up to the cap', () => {
    const bad = { ...base, confidence: 2, spread: 'wide' };
    const r = validatePredictions([bad, base, bad], opts);
    expect(!r.ok && r.rejected.map((x) => `${x.index}:${x.field}`)).toEqual([
      '0:confidence',
      '0:spread',
      '2:confidence',
      '2:spread',
    ]);
    const many = validatePredictions(Array(500).fill(bad), { ...opts, maxRejections: 100 });
    expect(!many.ok && many.rejected.length).toBe(100);
    expect(!many.ok && many.error).toMatch(/^1000 problems in the prediction batch \(100 listed\)/);
  });
});

describe('validatePredictions: properties', () => {
  const label = fc.oneof(
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const featureValue = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 10 }),
    fc.constant(null),
  );
  const record = fc.record(
    {
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.nat()),
      ts: fc.oneof(
        fc.integer({ min: 1e12, max: 2e12 }),
        fc
          .date({ min: new Date('2001-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      ),
      model: fc.string({ minLength: 1, maxLength: 10 }),
      asset_class: fc.constantFrom('crypto', 'fx', 'equity'),
      features: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), featureValue, { maxKeys: 6 }),
      prediction: label,
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      latency_seconds: fc.double({ min: 0, max: 10, noNaN: true }),
      error: fc.constantFrom('timeout', 'model_error'),
      actual: label,
      spread: fc.double({ noNaN: true, noDefaultInfinity: true }),
      spread_limit: fc.double({ min: 0, max: 100, noNaN: true }),
    },
    { requiredKeys: ['features', 'prediction'] },
  );
  // One corruption per field: a value of the wrong type or out of range.
  const corruptions: Record<string, unknown[]> = {
    id: ['', true, 1.5],
    ts: ['not a time', 5, false],
    model: [7, ''],
    prediction: [{}, Number.POSITIVE_INFINITY],
    confidence: [-0.1, 1.01, '0.9'],
    latency_seconds: [-1, 'fast'],
    error: [1],
    actual: [[1], ''],
    spread: ['1'],
    spread_limit: [-1],
  };

  it('accepts every valid batch', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (batch) => {
        const r = validatePredictions(batch, opts);
        expect(r.ok).toBe(true);
        expect(r.ok && r.records.length).toBe(batch.length);
      }),
    );
  });

  it('rejects a single corrupted field with its index and field', () => {
    const field = fc.constantFrom(...Object.keys(corruptions));
    const scenario = fc.tuple(fc.array(record, { minLength: 1, maxLength: 10 }), fc.nat(), field, fc.nat());
    fc.assert(
      fc.property(scenario, ([batch, at, name, which]) => {
        const index = at % batch.length;
        const values = corruptions[name]!;
        const copy = batch.map((r) => ({ ...r })) as Record<string, unknown>[];
        copy[index]![name] = values[which % values.length];
        const r = validatePredictions(copy, opts);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.rejected).toEqual([{ index, field: name, reason: expect.any(String) }]);
      }),
    );
  });
});

describe('validateActuals', () => {
  it('accepts [{id, actual}] and normalises ids to strings', () => {
    expect(
      validateActuals([
        { id: 7, actual: 'up' },
        { id: 'a', actual: 1 },
      ]),
    ).toEqual({
      ok: true,
      records: [
        { id: '7', actual: 'up' },
        { id: 'a', actual: 1 },
      ],
    });
  });

  it('lists every problem', () => {
    const r = validateActuals([{ id: 1, actual: 'x' }, { id: 2 }, { actual: 1, extra: true }, 5]);
    expect(!r.ok && r.rejected.map((x) => `${x.index}:${x.field}:${x.reason.split(' (')[0]}`)).toEqual([
      '1:actual:required',
      '2:extra:unknown field',
      '2:id:required',
      '3::expected a record object with id, actual, got number 5',
    ]);
  });
});

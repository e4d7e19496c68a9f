import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FEATURE_NAMES,
  generateRecords,
  referenceFormat,
  referenceLines,
  referenceRows,
  writeReference,
} from '../../src/sim/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mmops-sim-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReference', () => {
  it('writes a CSV with the header row and N rows of features', async () => {
    const file = join(dir, 'reference.csv');
    expect(await writeReference(file, { rows: 1234, seed: 3 })).toEqual({ file, rows: 1234, format: 'csv' });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe(''); // ends in a newline
    expect(lines[0]).toBe(FEATURE_NAMES.join(','));
    expect(lines.length - 2).toBe(1234);
    const first = lines[1]!.split(',');
    expect(first).toHaveLength(FEATURE_NAMES.length);
    expect(first.slice(0, -1).every((v) => Number.isFinite(Number(v)) && v !== '')).toBe(true);
    expect(['calm', 'volatile']).toContain(first.at(-1));
  });

  it('writes NDJSON for .ndjson and .jsonl names, one feature object a line', async () => {
    const file = join(dir, 'reference.jsonl');
    expect((await writeReference(file, { rows: 10 })).format).toBe('ndjson');
    const rows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0])).toEqual([...FEATURE_NAMES]);
    expect(referenceFormat('x.NDJSON')).toBe('ndjson');
    expect(referenceFormat('x.csv')).toBe('csv');
  });

  it('streams a large file (100,000 rows) in chunks', async () => {
    const file = join(dir, 'big.csv');
    const { rows } = await writeReference(file, { rows: 100_000, seed: 1 });
    expect(rows).toBe(100_000);
    expect(statSync(file).size).toBeGreaterThan(100_000 * 50);
  }, 60_000);

  it('defaults to 5000 rows, and the same seed writes the same file', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect((await writeReference(a)).rows).toBe(5000);
    await writeReference(b);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('rejects when the file cannot be written', async () => {
    await expect(writeReference(join(dir, 'missing', 'dir', 'ref.csv'), { rows: 5 })).rejects.toThrow(
      /ENOENT/,
    );
  });
});

describe('referenceRows and referenceLines', () => {
  it('yield fault-free rows without any missing value', () => {
    const rows = [...referenceRows({ rows: 2000, seed: 9 })];
    expect(rows).toHaveLength(2000);
    expect(rows.every((r) => Object.values(r).every((v) => v !== null))).toBe(true);
  });

  it('never replay a live run of the same seed', () => {
    const live = generateRecords(20, { seed: 9 }).map((g) => g.record.features);
    const ref = [...referenceRows({ rows: 20, seed: 9 })];
    expect(JSON.stringify(ref)).not.toBe(JSON.stringify(live));
  });

  it('give a CSV body for PUT /api/v1/reference', () => {
    const body = [...referenceLines('csv', { rows: 3 })].join('');
    expect(body.split('\n')).toHaveLength(5);
    expect(() => [...referenceRows({ rows: -1 })]).toThrow(RangeError);
  });
});

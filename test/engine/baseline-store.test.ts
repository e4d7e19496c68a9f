/**
 * The baseline file when writes meet: an evaluation adopting its first window while the operator sets or
 * resets the baseline. Each write must succeed (they once shared one temp file, and the second rename
 * failed: `PUT /api/v1/baseline` answered 500 in the suite) and the file must end as the last call left it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baselineHolder } from '../../src/engine/baseline-holder.js';
import { type BaselineRecord, baselineStore } from '../../src/engine/baseline-store.js';
import { writeFileAtomic } from '../../src/engine/data-files.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mmops-baseline-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (accuracy: number, source: BaselineRecord['source']): BaselineRecord => ({
  accuracy,
  precision: accuracy,
  recall: accuracy,
  f1: accuracy,
  predictionShares: { buy: 0.5, sell: 0.5 },
  support: 300,
  at: 1_000,
  source,
  setAt: 2_000,
});

describe('writeFileAtomic', () => {
  it('many writes of one file at once all succeed, one of them whole, and no temp file stays', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.json');
    const texts = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(10_000 + i) }));
    const results = await Promise.allSettled(texts.map((t) => writeFileAtomic(file, t)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(texts).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('a write that cannot land leaves no temp file behind and says why', async () => {
    const dir = tempDir();
    // the target is a directory: the rename fails after the temp file was written
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(readdirSync(join(dir, '..')).filter((n) => n.startsWith(`${dir.split('/').at(-1)}.tmp`))).toEqual(
      [],
    );
  });
});

describe('the baseline store', () => {
  it('ends as the last call left it when saves and a reset are asked for at once', async () => {
    const dir = tempDir();
    const store = baselineStore(dir);
    await Promise.all([
      store.save(record(0.9, 'first-window')),
      store.save(record(0.8, 'window')),
      store.remove(),
      store.save(record(0.7, 'file')),
    ]);
    expect(await store.load()).toMatchObject({ accuracy: 0.7, source: 'file' });
    await Promise.all([store.save(record(0.6, 'window')), store.remove()]);
    expect(await store.load()).toBeNull();
  });

  it('a failed write is reported, and the next one still lands', async () => {
    const dir = tempDir();
    const store = baselineStore(join(dir, 'missing-dir'));
    await expect(store.save(record(0.9, 'window'))).rejects.toThrow(/ENOENT/);
    // the same store, its directory made: the next write lands
    mkdirSync(join(dir, 'missing-dir'));
    await store.save(record(0.8, 'file'));
    expect(await store.load()).toMatchObject({ accuracy: 0.8 });
  });
});

describe('the baseline in memory (baseline-holder.ts)', () => {
  it('a change is in memory at once, and in the file when its write lands', async () => {
    const dir = tempDir();
    const holder = baselineHolder(baselineStore(dir));
    expect(await holder.get()).toBeNull();
    const landing = holder.set(record(0.8, 'window'));
    // an evaluation reading now sees the operator's baseline, not none (and adopts nothing over it)
    expect(holder.peek()).toMatchObject({ accuracy: 0.8 });
    await landing;
    expect(await baselineStore(dir).load()).toMatchObject({ accuracy: 0.8, source: 'window' });
  });

  it('after writes that fail, memory says what the file says, not a value that never landed', async () => {
    const dir = tempDir();
    await baselineStore(dir).save(record(0.9, 'first-window'));
    const holder = baselineHolder(baselineStore(dir));
    expect(await holder.get()).toMatchObject({ accuracy: 0.9 });
    // the file's place becomes a directory: every write from now on fails at its rename
    rmSync(join(dir, 'baseline.json'));
    mkdirSync(join(dir, 'baseline.json'));
    const a = holder.set(record(0.8, 'window'));
    const b = holder.set(record(0.7, 'file'));
    await expect(a).rejects.toThrow();
    await expect(b).rejects.toThrow();
    // not 0.8 (set first, whose write failed too): the last value the file was known to hold
    expect(holder.peek()).toMatchObject({ accuracy: 0.9 });
  });
});

/** Reference uploads are atomic per request, and a crash's staging files go at start (issue 17, defects 3, 10). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { records, send, startTestEngine, tempDir } from './helpers/engine.js';

/** A reference of `n` rows, as CSV or NDJSON; the row count tells uploads apart. */
function upload(n: number, format: 'csv' | 'ndjson'): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    x: (i * 37) % 101,
    regime: i % 2 ? 'calm' : 'volatile',
  }));
  return format === 'csv'
    ? `x,regime\n${rows.map((r) => `${r.x},${r.regime}`).join('\n')}\n`
    : `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

/** Rows of the stored reference file (exactly one must exist). */
function storedRows(dir: string): number {
  const files = ['reference.csv', 'reference.ndjson'].filter((f) => existsSync(join(dir, f)));
  expect(files).toHaveLength(1);
  const lines = readFileSync(join(dir, files[0]!), 'utf8').trim().split('\n');
  return files[0] === 'reference.csv' ? lines.length - 1 : lines.length;
}

async function invalidBatches(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /rejected_batches_total\{reason="invalid"\} (\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('concurrent PUT /api/v1/reference', () => {
  const tmp = tempDir();
  let engine: RunningEngine | undefined;
  afterAll(async () => {
    await engine?.close();
    tmp.remove();
  });

  it('never mix, never 400, and the last one installed wins whole on disk and in memory', async () => {
    engine = await startTestEngine(tmp.dir);
    const url = engine.url;
    expect((await send(`${url}/api/v1/predictions`, JSON.stringify(records(50)))).status).toBe(200);
    for (let round = 0; round < 8; round++) {
      const sizes = Array.from({ length: 8 }, (_, i) => 200 + round * 100 + i * 7);
      const answers = await Promise.all(
        sizes.map((n, i) => {
          const format = i % 2 ? 'ndjson' : 'csv';
          return send(`${url}/api/v1/reference`, upload(n, format), {
            method: 'PUT',
            type: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
          });
        }),
      );
      // Each request is answered with its own upload, never another's.
      expect(answers.map((a) => a.status)).toEqual(sizes.map(() => 200));
      expect(answers.map((a) => (a.json as { rows: number }).rows)).toEqual(sizes);
      const onDisk = storedRows(tmp.dir);
      expect(sizes).toContain(onDisk);
      await engine.evaluateNow();
      expect(engine.report()?.reference?.rows).toBe(onDisk);
      expect(readdirSync(tmp.dir).filter((f) => f.startsWith('reference-upload'))).toEqual([]);
    }
    expect(await invalidBatches(url)).toBe(0);
  });
});

describe('staging files left by a crash', () => {
  const tmp = tempDir();
  let engine: RunningEngine | undefined;
  afterAll(async () => {
    await engine?.close();
    tmp.remove();
  });

  it('are removed at start, and the stored reference is kept', async () => {
    writeFileSync(join(tmp.dir, 'reference.csv'), upload(300, 'csv'));
    const leftovers = [
      'reference-upload.csv',
      'reference-upload.csv.tmp-4242',
      'reference-upload-3b8f0c1e-7d7e-4a57-9a3c-0d6c1b1b9e11.ndjson',
      'reference.csv.tmp-999',
    ];
    writeFileSync(join(tmp.dir, leftovers[0]!), upload(100_000, 'csv'));
    for (const f of leftovers.slice(1)) writeFileSync(join(tmp.dir, f), '');
    engine = await startTestEngine(tmp.dir);
    expect(readdirSync(tmp.dir).filter((f) => leftovers.includes(f))).toEqual([]);
    await engine.evaluateNow();
    expect(engine.report()?.reference?.rows).toBe(300);
  });
});

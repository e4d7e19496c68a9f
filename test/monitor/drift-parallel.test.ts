/**
 * detectDriftParallel. Its worker is `new URL('./worker.js', import.meta.url)`, which exists only in a build,
 * so this file compiles src/monitor/drift/{parallel,worker}.ts (and what they import, nothing else) with the
 * project's tsc into a temp dir and tests that build exactly as dist/ ships it. The .ts sources, with no
 * worker.js beside them, take the in-thread path; the last test checks that path gives the same report.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDrift, type DriftOptions } from '../../src/monitor/drift/index.js';
import * as sourceParallel from '../../src/monitor/drift/parallel.js';
import type { Frame } from '../../src/monitor/frame/types.js';
import { categoricalColumn, frameOf, numericColumn } from '../fixtures/drift/load.js';

type ParallelModule = typeof sourceParallel;

const root = new URL('../../', import.meta.url);
let outDir = '';
let built: ParallelModule;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'mmops-drift-'));
  // The temp dir is outside the package: mark it ESM like package.json's "type": "module".
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '--outDir', outDir, '--rootDir', 'src', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
  args.push('--target', 'es2022', '--skipLibCheck', '--types', 'node');
  args.push('src/monitor/drift/parallel.ts', 'src/monitor/drift/worker.ts');
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: 'pipe' });
  } catch (err) {
    // tsc still emits on type errors elsewhere (noEmitOnError is off); only a missing output is fatal.
    if (!existsSync(join(outDir, 'monitor/drift/worker.js'))) throw err;
  }
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function load(): Promise<ParallelModule> {
  built ??= (await import(pathToFileURL(join(outDir, 'monitor/drift/parallel.js')).href)) as ParallelModule;
  return built;
}

/** A deterministic pseudo-normal sample (LCG + Box-Muller), with a NaN every `gap` values. */
function normal(n: number, seed: number, mean: number, gap = 0): number[] {
  let s = seed;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 1) / 2147483649;
  };
  return Array.from({ length: n }, (_, i) =>
    gap && i % gap === 0 ? Number.NaN : mean + Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  );
}

function frames(n: number): [Frame, Frame] {
  const cols = (side: number) => [
    ...Array.from({ length: 5 }, (_, k) => numericColumn(`n${k}`, normal(n + side * 7, 11 + k + side * 100, side * k * 0.05, k ? k + 5 : 0))),
    numericColumn('levels', normal(n, 3 + side, 0).map((x) => Math.round(Math.abs(x)) % 4)),
    categoricalColumn('side', normal(n, 5 + side, side * 0.3).map((x) => (x > 0 ? 'buy' : 'sell'))),
    numericColumn('empty', new Array(n).fill(side ? null : 1)),
  ];
  return [frameOf(...cols(0)), frameOf(...cols(1))];
}

const [reference, current] = frames(3000);

describe('detectDriftParallel (compiled, with worker threads)', () => {
  it('finds the compiled worker next to the compiled module', async () => {
    const { workerAvailable, WORKER_URL } = await load();
    expect(WORKER_URL.pathname.endsWith('/monitor/drift/worker.js')).toBe(true);
    expect(workerAvailable()).toBe(true);
  });

  it.each<[string, DriftOptions, number]>([
    ['auto, 2 workers', {}, 2],
    ['ks+wasserstein+psi, 2 workers', { methods: ['ks', 'wasserstein', 'psi'], columns: ['n0', 'n1', 'n2', 'n3', 'n4'] }, 2],
    ['psi, 1 worker', { method: 'psi' }, 1],
    ['jensenshannon, 3 workers', { method: 'jensenshannon', datasetShare: 0.2 }, 3],
  ])('%s: the same report as detectDrift', async (_name, options, workers) => {
    const { detectDriftParallel } = await load();
    const report = await detectDriftParallel(reference, current, options, workers);
    expect(report).toEqual(detectDrift(reference, current, options));
  });

  it('rejects with the worker`s error, naming the column and method', async () => {
    const { detectDriftParallel } = await load();
    await expect(detectDriftParallel(reference, current, { method: 'chisquare', columns: ['n1'] })).rejects.toThrow(
      /"chisquare" does not apply to numeric column "n1"/,
    );
  });

  it('throws option and column errors before starting workers', async () => {
    const { detectDriftParallel } = await load();
    await expect(detectDriftParallel(reference, current, { columns: ['nope'] })).rejects.toThrow(/"nope"/);
  });
});

describe('detectDriftParallel from the .ts sources (no worker.js beside them)', () => {
  it('computes in the calling thread and gives the same report', async () => {
    expect(sourceParallel.workerAvailable()).toBe(false);
    const options: DriftOptions = { methods: ['ks', 'wasserstein', 'psi'], columns: ['n0', 'levels'] };
    expect(await sourceParallel.detectDriftParallel(reference, current, options)).toEqual(
      detectDrift(reference, current, options),
    );
  });
});

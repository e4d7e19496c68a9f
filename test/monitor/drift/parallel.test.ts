/**
 * detectDriftParallel. Its worker is `new URL('./worker.js', import.meta.url)`, which exists only in a build
 * (dist/monitor/drift/parallel/worker.js beside dist/monitor/drift/parallel/parallel.js). So this file builds parallel.ts and
 * worker.ts, and every module they import, file by file with TypeScript's transpileModule into a temp dir
 * laid out like dist/, and tests that build. Transpiling (no type check) takes a fraction of a second and
 * does not depend on the rest of the tree compiling; the project sets verbatimModuleSyntax, so type-only
 * imports are marked and dropped exactly as tsc drops them. The .ts sources, with no worker.js beside them,
 * take the in-thread path; the last test checks that path gives the same report.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriftOptions, detectDrift, type prepareReference } from '../../../src/monitor/drift/index.js';
import * as sourceParallel from '../../../src/monitor/drift/parallel/parallel.js';
import type { Frame } from '../../../src/monitor/frame/types.js';
import { categoricalColumn, frameOf, numericColumn } from '../../fixtures/drift/load.js';
import { transpileToTemp } from '../../helpers/transpile.js';

type ParallelModule = typeof sourceParallel;

let outDir = '';
let removeOut = () => {};
let built: ParallelModule;

beforeAll(() => {
  ({ dir: outDir, remove: removeOut } = transpileToTemp([
    'monitor/drift/parallel/parallel.ts',
    'monitor/drift/parallel/worker.ts',
  ]));
});

afterAll(() => removeOut());

async function load(): Promise<ParallelModule> {
  built ??= (await import(
    pathToFileURL(join(outDir, 'monitor/drift/parallel/parallel.js')).href
  )) as ParallelModule;
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
    ...Array.from({ length: 5 }, (_, k) =>
      numericColumn(`n${k}`, normal(n + side * 7, 11 + k + side * 100, side * k * 0.05, k ? k + 5 : 0)),
    ),
    numericColumn(
      'levels',
      normal(n, 3 + side, 0).map((x) => Math.round(Math.abs(x)) % 4),
    ),
    categoricalColumn(
      'side',
      normal(n, 5 + side, side * 0.3).map((x) => (x > 0 ? 'buy' : 'sell')),
    ),
    numericColumn('empty', new Array(n).fill(side ? null : 1)),
  ];
  return [frameOf(...cols(0)), frameOf(...cols(1))];
}

const [reference, current] = frames(3000);

// Calibrated thresholds cost a Monte Carlo run per (column, size) and thread; the 'auto' cases keep them
// (the engine's path), the others compare Evidently's fixed thresholds to stay fast.
const FIXED = { calibrate: false } as const;

describe('detectDriftParallel (compiled, with worker threads)', () => {
  it('finds the compiled worker next to the compiled module', async () => {
    const { workerAvailable, WORKER_URL } = await load();
    expect(WORKER_URL.pathname.endsWith('/monitor/drift/parallel/worker.js')).toBe(true);
    expect(workerAvailable()).toBe(true);
  });

  it.each<[string, DriftOptions, number]>([
    ['auto, 2 workers', {}, 2],
    [
      'ks+wasserstein+psi, 2 workers',
      { methods: ['ks', 'wasserstein', 'psi'], columns: ['n0', 'n1', 'n2', 'n3', 'n4'], ...FIXED },
      2,
    ],
    ['psi, 1 worker', { method: 'psi', ...FIXED }, 1],
    ['jensenshannon, 3 workers', { method: 'jensenshannon', datasetShare: 0.2, ...FIXED }, 3],
  ])('%s: the same report as detectDrift', async (_name, options, workers) => {
    const { detectDriftParallel } = await load();
    const report = await detectDriftParallel(reference, current, options, workers);
    expect(report).toEqual(detectDrift(reference, current, options));
  });

  it.each<[string, DriftOptions]>([
    ['auto', {}],
    [
      'ks+wasserstein+psi',
      { methods: ['ks', 'wasserstein', 'psi'], columns: ['n0', 'n1', 'n2', 'n3', 'n4'], ...FIXED },
    ],
    ['jensenshannon', { method: 'jensenshannon', ...FIXED }],
  ])(
    '%s on a prepared reference: the same report as detectDrift on the frame, twice',
    async (_n, options) => {
      const { detectDriftParallel } = await load();
      // The compiled module has its own PreparedReference class: prepare with the one it recognises.
      const { prepareReference: prepareBuilt } = (await import(
        pathToFileURL(join(outDir, 'monitor/drift/prepared-reference.js')).href
      )) as { prepareReference: typeof prepareReference };
      const prepared = prepareBuilt(reference);
      const expected = detectDrift(reference, current, options);
      expect(await detectDriftParallel(prepared, current, options, 2)).toStrictEqual(expected);
      expect(await detectDriftParallel(prepared, current, options, 2)).toStrictEqual(expected);
    },
  );

  it('on a kept DriftWorkerPool: the same reports call after call, through a failed call, until closed', async () => {
    const { detectDriftParallel, DriftWorkerPool } = await load();
    const url = pathToFileURL(join(outDir, 'monitor/drift/parallel/worker.js'));
    const pool = new DriftWorkerPool(2, url);
    try {
      const options: DriftOptions = {
        methods: ['ks', 'wasserstein'],
        columns: ['n0', 'n1', 'n2', 'levels'],
        ...FIXED,
      };
      const expected = detectDrift(reference, current, options);
      expect(await detectDriftParallel(reference, current, options, pool)).toStrictEqual(expected);
      await expect(
        detectDriftParallel(reference, current, { method: 'chisquare', columns: ['n1', 'n2'] }, pool),
      ).rejects.toThrow(/"chisquare" does not apply/);
      expect(await detectDriftParallel(reference, current, options, pool)).toStrictEqual(expected);
    } finally {
      await pool.close();
    }
    // Closed: a later call starts and ends its own threads, with the same result.
    expect(await detectDriftParallel(reference, current, { columns: ['n3'], ...FIXED }, pool)).toStrictEqual(
      detectDrift(reference, current, { columns: ['n3'], ...FIXED }),
    );
  });

  it('rejects with the worker`s error, naming the column and method', async () => {
    const { detectDriftParallel } = await load();
    await expect(
      detectDriftParallel(reference, current, { method: 'chisquare', columns: ['n1'] }),
    ).rejects.toThrow(/"chisquare" does not apply to numeric column "n1"/);
  });

  it('rejects with a categorical column`s error while the workers run, leaving nothing unhandled', async () => {
    const { detectDriftParallel } = await load();
    await expect(
      detectDriftParallel(reference, current, { method: 'wasserstein', columns: ['n0', 'side'] }),
    ).rejects.toThrow(/"wasserstein" does not apply to categorical column "side"/);
  });

  it('throws option and column errors before starting workers', async () => {
    const { detectDriftParallel } = await load();
    await expect(detectDriftParallel(reference, current, { columns: ['nope'] })).rejects.toThrow(/"nope"/);
  });
});

describe('detectDriftParallel from the .ts sources (no worker.js beside them)', () => {
  it('computes in the calling thread and gives the same report', async () => {
    expect(sourceParallel.workerAvailable()).toBe(false);
    const options: DriftOptions = {
      methods: ['ks', 'wasserstein', 'psi'],
      columns: ['n0', 'levels'],
      ...FIXED,
    };
    expect(await sourceParallel.detectDriftParallel(reference, current, options)).toEqual(
      detectDrift(reference, current, options),
    );
  });
});

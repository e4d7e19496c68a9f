/**
 * Which evaluations send their drift to the worker threads: big windows always; every window when the
 * engine shares its thread with a console (`mmops demo`: startEngine's driftOffThread). The threads
 * themselves give detectDrift's report (test/monitor/drift/parallel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { driftOnThreads, PARALLEL_FROM_CELLS } from '../../src/engine/evaluator.js';
import { prepareReference } from '../../src/monitor/index.js';
import { frameOf, numericColumn } from '../fixtures/drift/load.js';

const frame = (rows: number, columns: number) =>
  frameOf(...Array.from({ length: columns }, (_, k) => numericColumn(`f${k}`, Array(rows).fill(k))));

describe('driftOnThreads', () => {
  it("the demo's small window: on the threads only when asked for every window", () => {
    const ref = frame(5000, 14);
    const cur = frame(300, 14);
    expect(driftOnThreads(ref, cur, PARALLEL_FROM_CELLS)).toBe(false);
    expect(driftOnThreads(ref, cur, 0)).toBe(true);
    expect(driftOnThreads(prepareReference(ref), cur, 0)).toBe(true);
  });

  it('a big window: on the threads; a prepared reference counts only the window cells', () => {
    const ref = frame(200_000, 20);
    const cur = frame(100_000, 20);
    expect(driftOnThreads(ref, cur, PARALLEL_FROM_CELLS)).toBe(true); // 6M cells
    expect(driftOnThreads(prepareReference(ref), cur, PARALLEL_FROM_CELLS)).toBe(false); // 2M
  });
});

#!/usr/bin/env node
// One measured pass for bench/drift-quality.mjs, in its own process so peak RSS is its own.
//   node bench/drift-quality-node.mjs drift|quality  -> one JSON line
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDriftParallel } from '../dist/monitor/drift/index.js';
import { assessQuality } from '../dist/monitor/quality/index.js';

const kind = process.argv[2];
const here = import.meta.dirname;
const meta = JSON.parse(readFileSync(join(here, 'data', 'meta.json'), 'utf8'));

function load(name) {
  const buf = readFileSync(join(here, 'data', `${name}.f64`));
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  return {
    rows: meta.rows,
    columns: meta.columns.map((col, i) => ({
      kind: 'numeric',
      name: col,
      dtype: 'float64',
      values: all.subarray(i * meta.rows, (i + 1) * meta.rows),
      invalid: 0,
    })),
  };
}

// VmHWM is the kernel's high-water mark of this process's RSS: a true peak, even mid-computation.
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
const current = load('current');
const reference = kind === 'drift' ? load('reference') : null;

const t0 = performance.now();
let out;
if (kind === 'drift') {
  const report = await detectDriftParallel(reference, current, { methods: ['ks', 'wasserstein', 'psi'] }, 2);
  out = {
    columns: report.columns.map((c) => ({
      column: c.column,
      ks: c.tests.ks.statistic,
      p: c.tests.ks.pValue,
      wasserstein: c.tests.wasserstein.statistic,
      psi: c.tests.psi.statistic,
    })),
  };
} else {
  const report = assessQuality(current, {});
  out = { score: report.score };
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, peakRssBytes: peakRss(), ...out }));

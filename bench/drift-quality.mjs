#!/usr/bin/env node
// Drift and quality over 1,000,000 rows x 20 numeric columns, against numpy/scipy/pandas doing the same
// work in the same run (bench/drift_quality_py.py). Prints medians and ratios; see bench/README.md.
//   node bench/drift-quality.mjs [--runs 3]
// Needs the compiled dist/ (npm install builds it) and Debian's python3-scipy and python3-pandas.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3);
const here = import.meta.dirname;
execFileSync(process.execPath, [join(here, 'gen-data.mjs')], { stdio: 'inherit' });

const one = (kind) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', join(here, 'drift-quality-node.mjs'), kind], {
      encoding: 'utf8',
    }),
  );
const py = () =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [join(here, 'drift_quality_py.py')], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const node = { drift: [], quality: [], driftRss: [], qualityRss: [] };
const scipy = { drift: [], ks: [], wasserstein: [], psi: [], quality: [] };
let agreement = null;
for (let i = 0; i < runs; i++) {
  // alternate the two sides so machine noise hits both alike
  const d = one('drift');
  const q = one('quality');
  const p = py();
  node.drift.push(d.seconds);
  node.driftRss.push(d.peakRssBytes);
  node.quality.push(q.seconds);
  node.qualityRss.push(q.peakRssBytes);
  scipy.drift.push(p.drift_s);
  scipy.ks.push(p.ks_s);
  scipy.wasserstein.push(p.wasserstein_s);
  scipy.psi.push(p.psi_s);
  scipy.quality.push(p.quality_s);
  if (!agreement) agreement = compare(d.columns, p.columns, q.score, p.quality_score);
}

const meta = JSON.parse(readFileSync(join(here, 'data', 'meta.json'), 'utf8'));
const rawBytes = meta.rows * meta.cols * 8 * 2; // reference + current, Float64
const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
const s = (x) => `${x.toFixed(2)} s`;
console.log(
  `drift + quality, ${meta.rows.toLocaleString()} rows x ${meta.cols} columns, median of ${runs} runs`,
);
console.log(
  `scipy drift (KS ${s(median(scipy.ks))}, Wasserstein ${s(median(scipy.wasserstein))}, PSI ${s(median(scipy.psi))})`,
);
console.log('| work | mmops | numpy/scipy/pandas | ratio (mmops / python) | target |');
console.log('|---|---|---|---|---|');
console.log(
  `| drift: KS + Wasserstein + PSI | ${s(median(node.drift))} | ${s(median(scipy.drift))} | ${(median(node.drift) / median(scipy.drift)).toFixed(3)}x | <= 0.25x |`,
);
console.log(
  `| quality (guide score) | ${s(median(node.quality))} | ${s(median(scipy.quality))} | ${(median(node.quality) / median(scipy.quality)).toFixed(3)}x | <= 1x |`,
);
console.log(
  `| peak RSS, drift | ${mb(median(node.driftRss))} | raw data ${mb(rawBytes)} | ${(median(node.driftRss) / rawBytes).toFixed(2)}x raw | <= 2x raw |`,
);
console.log(
  `| peak RSS, quality | ${mb(median(node.qualityRss))} | raw data ${mb(rawBytes / 2)} (current only) | ${(median(node.qualityRss) / (rawBytes / 2)).toFixed(2)}x raw | <= 2x raw |`,
);
console.log(`agreement with scipy/pandas: ${agreement}`);

function compare(nodeCols, pyCols, nodeScore, pyScore) {
  let worst = 0;
  for (const p of pyCols) {
    const n = nodeCols.find((c) => c.column === p.column);
    for (const [a, b] of [
      [n.ks, p.ks],
      [n.p, p.p],
      [n.wasserstein, p.wasserstein],
      [n.psi, p.psi],
    ]) {
      const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
      worst = Math.max(worst, Math.min(rel, Math.abs(a - b) <= 1e-9 ? 0 : rel));
    }
  }
  return `worst relative difference over ${pyCols.length} columns x 4 numbers = ${worst.toExponential(2)}; quality score ${nodeScore} vs ${pyScore}`;
}

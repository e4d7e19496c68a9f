// False alarms and power of every drift method by window size, calibrated (the default) against
// Evidently's fixed thresholds, beside scipy's KS on the same data. Run after a build:
//   npx tsc -p tsconfig.build.json && node bench/drift-calibration.mjs [--quick]
// Three tables: (1) one column, per-feature false alarms at alpha and power against a 0.5-sigma shift at
// alpha / 14 (a column's level in a 14-column report); (2) 14 correlated columns, the DataDriftDetected
// false alarm (>= 4 of 14 warns, >= 7 critical) and the power on one shifted column; (3) the demo
// simulator's healthy windows against its reference (auto methods), through detectDrift.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { detectDrift, frameFromColumns, prepareReference } from '../dist/monitor/index.js';
import { correlatedFrame, demoReference, demoWindows, normals } from './drift-calibration-data.mjs';

const quick = process.argv.includes('--quick');
const ALPHA = 0.05;
const SIZES = [100, 300, 1000, 10000];
const dataDir = fileURLToPath(new URL('./data/', import.meta.url));
mkdirSync(dataDir, { recursive: true });

// Where auto would choose each method: tests at <= 1000 reference rows, distances above (choose.ts).
const ROWS = [
  { method: 'ks', m: 1000, categorical: false },
  { method: 'chisquare', m: 1000, categorical: true },
  { method: 'wasserstein', m: 5000, categorical: false },
  { method: 'psi', m: 5000, categorical: false },
  { method: 'jensenshannon', m: 5000, categorical: true },
];

const pct = (x) => `${(100 * x).toFixed(1)} %`;
const cut = (x) => `c${[-1, 0, 1].filter((c) => x > c).length}`;

function column(values, categorical) {
  return frameFromColumns({ x: categorical ? Array.from(values, cut) : values }).frame;
}

function sample(z, n, shift = 0) {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = z() + shift;
  return a;
}

/** Table 1: one column; R references, T null and T shifted windows; scipy reads the same numbers. */
function singleColumn() {
  const meta = [];
  const ours = {};
  for (const row of ROWS) {
    for (const n of SIZES) {
      const T = quick ? 200 : n >= 10000 ? 400 : 1000;
      // A test's level holds over both samples: a fresh reference every trial. A distance's null is
      // simulated once per reference, so 5 references take turns (their noise is small beside the window's
      // while n <= m; at n = 10,000 Evidently's floor decides).
      const R = row.method === 'ks' || row.method === 'chisquare' ? T : 5;
      const z = normals(n * 31 + row.m);
      const refs = Array.from({ length: R }, () => sample(z, row.m));
      const nulls = Array.from({ length: T }, () => sample(z, n));
      const shifted = Array.from({ length: T }, () => sample(z, n, 0.5));
      const prepared = refs.map((r) => prepareReference(column(r, row.categorical)));
      const rate = (windows, options) =>
        windows.filter(
          (w, t) => detectDrift(prepared[t % R], column(w, row.categorical), options).datasetDrift,
        ).length / T;
      const name = `${row.method}-${n}`;
      ours[name] = {
        fa: rate(nulls, { method: row.method }),
        evidentlyFa: rate(nulls, { method: row.method, calibrate: false }),
        power: rate(shifted, { method: row.method, alpha: ALPHA / 14 }),
      };
      const file = `calibration-${name}.f64`;
      const all = new Float64Array(R * row.m + 2 * T * n);
      let at = 0;
      for (const a of [...refs, ...nulls, ...shifted]) {
        all.set(a, at);
        at += a.length;
      }
      writeFileSync(`${dataDir}${file}`, new Uint8Array(all.buffer));
      meta.push({ name, file, m: row.m, n, refs: R, trials: T, categorical: row.categorical });
      process.stderr.write(`table 1: ${name} done\n`);
    }
  }
  writeFileSync(`${dataDir}calibration-meta.json`, JSON.stringify(meta));
  const py = fileURLToPath(new URL('./drift_calibration_py.py', import.meta.url));
  const scipy = JSON.parse(execFileSync('python3', [py], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  // About 400 MB of samples: gone once scipy has read them.
  for (const row of meta) rmSync(`${dataDir}${row.file}`, { force: true });
  console.log('\n## 1. One column: false alarm at alpha 0.05, power (0.5 sigma shift) at alpha / 14\n');
  console.log('| method | ref rows | window | false alarm | Evidently fixed | scipy | power | scipy power |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of meta) {
    const o = ours[row.name];
    const s = scipy[row.name];
    const scipyName = row.categorical ? 'chi2_contingency' : 'ks_2samp';
    console.log(
      `| ${row.name.split('-')[0]} | ${row.m} | ${row.n} | ${pct(o.fa)} | ${pct(o.evidentlyFa)} | ${pct(s.fa)} (${scipyName}) | ${pct(o.power)} | ${pct(s.power)} |`,
    );
  }
}

/** Drifted-column counts of `windows` against `ref` under `options`: [>= 4 of 14, >= 7 of 14, shifted col]. */
function datasetRates(ref, windows, options, shiftedColumn = null) {
  let warn = 0;
  let crit = 0;
  let caught = 0;
  for (const w of windows) {
    const r = detectDrift(ref, w, options);
    const k = r.columns.filter((c) => c.drifted).length;
    if (k >= 4) warn++;
    if (k >= 7) crit++;
    if (shiftedColumn && r.columns.find((c) => c.column === shiftedColumn)?.drifted) caught++;
  }
  return { warn: warn / windows.length, crit: crit / windows.length, caught: caught / windows.length };
}

/** Table 2: 14 correlated columns (4 near-identical, 10 sharing a factor). */
function dataset() {
  console.log('\n## 2. 14 correlated columns: DataDriftDetected false alarm, power on one shifted column\n');
  console.log(
    '| method | ref rows | window | trials | >= 4/14 | >= 7/14 | Evidently >= 4/14 | power (1 col, 0.5 sigma) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of ROWS) {
    for (const n of SIZES) {
      const R = 1;
      const T = quick ? 60 : n >= 10000 ? 150 : 300;
      const seed = n * 7 + row.m;
      const refs = Array.from({ length: R }, (_, r) =>
        prepareReference(correlatedFrame(row.m, 14, seed + r, { categorical: row.categorical })),
      );
      const nulls = Array.from({ length: T }, (_, t) =>
        correlatedFrame(n, 14, seed + 1000 + t, { categorical: row.categorical }),
      );
      const on = (options, windows, shifted = null) => {
        const parts = refs.map((ref, r) =>
          datasetRates(
            ref,
            windows.filter((_, t) => t % R === r),
            options,
            shifted,
          ),
        );
        const mean = (k) => parts.reduce((a, p) => a + p[k], 0) / parts.length;
        return { warn: mean('warn'), crit: mean('crit'), caught: mean('caught') };
      };
      const ours = on({ method: row.method }, nulls);
      const evidently = on({ method: row.method, calibrate: false }, nulls);
      const shiftedWindows = Array.from({ length: Math.min(T, 150) }, (_, t) =>
        correlatedFrame(n, 14, seed + 5000 + t, { categorical: row.categorical, shift: 0.5 }),
      );
      const power = on({ method: row.method }, shiftedWindows, 'f4');
      console.log(
        `| ${row.method} | ${row.m} | ${n} | ${T} | ${pct(ours.warn)} | ${pct(ours.crit)} | ${pct(evidently.warn)} | ${pct(power.caught)} |`,
      );
    }
  }
}

/** Table 3: the demo simulator's healthy records against its reference, auto methods. */
function demo() {
  console.log(
    '\n## 3. Demo simulator, healthy: windows of consecutive records against its reference (auto)\n',
  );
  console.log(
    '| ref rows | auto picks | window | windows | worst feature | >= 4/14 | Evidently worst | Evidently >= 4/14 |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const m of [5000, 1000]) {
    const ref = prepareReference(demoReference(m));
    for (const n of SIZES) {
      const count = quick ? 10 : n >= 10000 ? 30 : n >= 1000 ? 100 : 200;
      const windows = demoWindows(n, count, 11);
      const summary = (options) => {
        const per = new Map();
        let warn = 0;
        let picks = new Set();
        for (const w of windows) {
          const r = detectDrift(ref, w, options);
          if (r.columns.filter((c) => c.drifted).length >= 4) warn++;
          for (const c of r.columns) {
            per.set(c.column, (per.get(c.column) ?? 0) + (c.drifted ? 1 : 0));
            picks.add(c.method);
          }
        }
        const [worst, hits] = [...per].sort((a, b) => b[1] - a[1])[0];
        picks = [...picks].join('+');
        return { worst: `${worst} ${pct(hits / count)}`, warn: warn / count, picks };
      };
      const ours = summary({});
      const evidently = summary({ calibrate: false });
      console.log(
        `| ${m} | ${ours.picks} | ${n} | ${count} | ${ours.worst} | ${pct(ours.warn)} | ${evidently.worst} | ${pct(evidently.warn)} |`,
      );
    }
  }
}

const started = Date.now();
console.log(
  `# drift calibration (${new Date().toISOString()}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
const only = process.argv.find((a) => a.startsWith('--table='))?.slice(8);
for (const [k, table] of [
  ['1', singleColumn],
  ['2', dataset],
  ['3', demo],
]) {
  if (only && only !== k) continue;
  const t = Date.now();
  table();
  process.stderr.write(`table ${k}: ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
}
console.log(
  `\n(${((Date.now() - started) / 1000).toFixed(0)} s, load average at the end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);

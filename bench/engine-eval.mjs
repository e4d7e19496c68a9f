// The evaluation part of bench/engine.mjs alone, for profiling (node --cpu-prof bench/engine-eval.mjs):
// one evaluateWindow pass over a 100k-record window with 20 features, as the engine runs it.
// Usage: npm run build && node bench/engine-eval.mjs [--rows 100000] [--runs 10] [--dist dist]
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
  },
});
const W = Number(args.rows);
const RUNS = Number(args.runs);
const BATCH = 1000;
const FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);
const load = (p) => import(join(args.dist, p));
const { PredictionWindow, evaluateWindow, engineDriftDetector } = await load('engine/index.js');
const { rulesFromConfig } = await load('alerting/index.js');
const { loadConfig } = await load('config/index.js');
const { DriftWorkerPool, frameFromColumns, prepareReference, SortedColumns } = await load('monitor/index.js');

const cfg = loadConfig({ home: '/nonexistent', env: {} }).config;
const now = Date.now();
const w = new PredictionWindow({ maxRecords: W, maxAgeMs: 86_400_000 });
for (let b = 0; b < W / BATCH; b++) {
  w.add(
    Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      const features = {};
      for (const f of FEATURES) features[f] = Math.round(Math.random() * 1e6) / 1e4;
      return {
        id: `r${n}`,
        ts: now - W + n,
        model: 'lgbm-v3',
        asset_class: 'crypto',
        features,
        prediction: n % 2 ? 'up' : 'down',
        confidence: Math.round(Math.random() * 1000) / 1000,
        latency_seconds: Math.round(Math.random() * 1e4) / 1e5,
        spread: Math.round(Math.random() * 1000) / 1000,
        spread_limit: 1,
        actual: i % 3 ? 'up' : 'down',
      };
    }),
  );
}
const refCols = Object.fromEntries(
  FEATURES.map((f) => [f, Float64Array.from({ length: 10_000 }, () => Math.random() * 100)]),
);
const reference = prepareReference(frameFromColumns(refCols).frame);
const pool = new DriftWorkerPool(2);
const detect = engineDriftDetector(pool);
// The evaluator's kept sort buffers (evaluator.ts), where the build has them.
const sorted = SortedColumns ? new SortedColumns() : undefined;
const system = {
  cpuRatio: 0.1,
  memoryRatio: 0.1,
  diskRatio: 0.1,
  load1: 0,
  load5: 0,
  load15: 0,
  network: null,
  gpu: null,
  ts: now,
};
const passes = [];
const cpus = [];

for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const columns = w.snapshot(now);
  await evaluateWindow({
    columns,
    reference,
    config: cfg,
    rules: rulesFromConfig(cfg),
    system,
    baseline: null,
    throughput: 100,
    now,
    detect,
    sorted,
  });
  passes.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpus.push((used.user + used.system) / 1000);
}
await pool.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `passes (ms): ${passes.map((p) => p.toFixed(0)).join(', ')}; median ${median(passes).toFixed(0)}; ` +
    `CPU time a pass (all threads), median ${median(cpus).toFixed(0)} ms`,
);

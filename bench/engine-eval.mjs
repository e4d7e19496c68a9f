// The evaluation part of bench/engine.mjs alone, for profiling (node --cpu-prof bench/engine-eval.mjs):
// one evaluateWindow pass over a 100k-record window with 20 features, as the engine runs it.
// Usage: npm run build && node bench/engine-eval.mjs [--rows 100000] [--runs 10] [--dist dist]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluationSetup, ROOT } from './engine-setup.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
  },
});
const RUNS = Number(args.runs);
const evaluation = await evaluationSetup(Number(args.rows), args.dist);
const passes = [];
const cpus = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  const c = process.cpuUsage();
  await evaluation.pass();
  passes.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpus.push((used.user + used.system) / 1000);
}
await evaluation.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `passes (ms): ${passes.map((p) => p.toFixed(0)).join(', ')}; median ${median(passes).toFixed(0)}; ` +
    `CPU time a pass (all threads), median ${median(cpus).toFixed(0)} ms`,
);

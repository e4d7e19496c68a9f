// The ingest part of bench/engine.mjs alone: the real `mmops engine` binary, NDJSON batches of 1,000
// records over loopback from --clients concurrent clients. --prof DIR writes the engine's CPU profile there
// (node --cpu-prof), to see where an ack's time goes.
// Usage: npm run build && node bench/engine-ingest.mjs [--records 300000] [--clients 4] [--prof DIR]
import { readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BATCH, postBatches, record, startEngineBinary } from './engine-setup.mjs';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    clients: { type: 'string', default: '4' },
    prof: { type: 'string' },
  },
});
const TOTAL = Number(args.records);
const CLIENTS = Number(args.clients);

const prof = args.prof ? ['--cpu-prof', '--cpu-prof-dir', args.prof] : [];
const { engine, url, dir } = await startEngineBinary(TOTAL, prof);
// The engine's CPU time in ms, its main thread and all threads (Linux /proc; clock ticks of 10 ms).
function cpuOf(pid) {
  const ticks = (path) => {
    const f = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  try {
    return { all: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return { all: Number.NaN, main: Number.NaN };
  }
}
await new Promise((r) => setTimeout(r, 500)); // the first (empty) evaluation
const startCpu = cpuOf(engine.pid);
const t0 = Date.now() - TOTAL;
const bodies = Array.from({ length: 32 }, (_, b) =>
  Array.from({ length: BATCH }, (_, i) => JSON.stringify(record(b * BATCH + i, t0))).join('\n'),
);
const cpu0 = process.cpuUsage();
const { acked, latencies, seconds } = await postBatches({
  url,
  bodies,
  clients: CLIENTS,
  batches: TOTAL / BATCH,
});
const cpu = process.cpuUsage(cpu0);
await new Promise((r) => setTimeout(r, 2000)); // as bench/engine.mjs: let the engine's GC settle
const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${engine.pid}/status`, 'utf8'))[1]) / 1024;
const engineCpu = cpuOf(engine.pid);
if (process.env.TASKS) {
  const { readdirSync } = await import('node:fs');
  for (const tid of readdirSync(`/proc/${engine.pid}/task`)) {
    const st = readFileSync(`/proc/${engine.pid}/task/${tid}/stat`, 'utf8');
    const name = /\((.*)\)/.exec(st)[1];
    const f = st.split(') ')[1].split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * 10;
    if (ms > 0) console.log(`  task ${tid} ${name}: ${ms} ms`);
  }
}
engineCpu.main -= startCpu.main;
engineCpu.all -= startCpu.all;
engine.kill('SIGTERM');
await new Promise((r) => engine.on('exit', r));
rmSync(dir, { recursive: true, force: true });
latencies.sort((a, b) => a - b);
console.log(
  `${Math.round(acked / seconds).toLocaleString('en')} records/s (${acked} in ${seconds.toFixed(1)} s); ` +
    `p50 ack ${latencies[latencies.length >> 1].toFixed(1)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(1)} ms; ` +
    `CPU ms a batch: client ${((cpu.user + cpu.system) / 1000 / (acked / BATCH)).toFixed(2)}, ` +
    `engine main thread ${(engineCpu.main / (acked / BATCH)).toFixed(2)}, engine all ${(engineCpu.all / (acked / BATCH)).toFixed(2)}; ` +
    `RSS ${rss.toFixed(0)} MB`,
);

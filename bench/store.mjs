// The prediction store in one run, on a real PostgreSQL 15 (Debian's postgresql-15, started as the demo does):
//  1. ingest with the store off, then on: the real `mmops engine`, NDJSON batches of 1,000 from 4 clients;
//     the store's lag (market_master_store_lag_seconds) sampled every 250 ms while it runs and until it drains;
//  2. paced ingest at --rate records/s for --seconds: the lag under a steady load;
//  3. the writer alone: the stored rows dropped and the checkpoint deleted, the engine restarted, the whole log
//     copied again: COPY rows/s;
//  4. the table size per million rows.
// Usage: npm run build && [ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"] node bench/store.mjs [--records 300000] [--clients 4] [--rate 5000] [--seconds 20]
//        [--buffer 1000] (storage.buffer_size: the most records one transaction carries) [--pin] (PostgreSQL on
//        core 1, the engine and clients on core 0) [--yield SECONDS] (storage.yield_lag_seconds; 0: the store
//        never defers to a busy ingest)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BATCH, postBatches, ROOT, record } from './engine-setup.mjs';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    clients: { type: 'string', default: '4' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '20' },
    buffer: { type: 'string', default: '1000' },
    // storage.yield_lag_seconds: how far the store may fall behind while it defers to a busy ingest (0: never
    // defers, the writer as it was before it yielded); the config's default when absent
    yield: { type: 'string' },
    // PostgreSQL on the second core, the engine and the clients on the first: the ratio when they do not
    // compete for the same cores (other processes on the host still run on both)
    pin: { type: 'boolean', default: false },
  },
});
const TOTAL = Number(args.records);
const CLIENTS = Number(args.clients);
const { startDemoPostgres } = await import(join(ROOT, 'dist/cli/demo-postgres.js'));

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// CPU seconds from /proc/<pid>/stat (utime, stime; with `children`, also the waited-for children's), in
// USER_HZ ticks (100 a second on Linux): where the cores went during a phase, whatever else the host runs.
const TICK = 100;
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    return {
      ppid: Number(f[1]),
      self: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ESRCH') return null; // exited meanwhile
    throw err;
  }
}
/** CPU seconds of the PostgreSQL server: the postmaster, its ended backends, and its live children. */
function postgresCpu(postmaster) {
  const root = procStat(postmaster);
  if (!root) return Number.NaN;
  let ticks = root.self + root.children;
  for (const pid of childrenOf(postmaster)) ticks += procStat(pid)?.self ?? 0;
  return ticks / TICK;
}
/** The live children of `parent`. */
function childrenOf(parent) {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && procStat(Number(name))?.ppid === parent)
    .map(Number);
}
const engineCpu = (pid) => {
  const st = procStat(pid);
  return st ? st.self / TICK : Number.NaN;
};
const benchCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** CPU seconds of engine, PostgreSQL and this process (the clients) since `from` (or since boot). */
function cpuNow(enginePid, postmaster) {
  return { engine: engineCpu(enginePid), postgres: postgresCpu(postmaster), clients: benchCpu() };
}
const cpuSince = (a, b) => ({
  engine: b.engine - a.engine,
  postgres: b.postgres - a.postgres,
  clients: b.clients - a.clients,
});
/** µs of CPU per record for each party. */
const perRecord = (cpu, records) =>
  Object.entries(cpu)
    .map(([k, s]) => `${k} ${((s / records) * 1e6).toFixed(1)}`)
    .join(', ');

/** The real engine with `storage` settings (null: no store) in `dir`; resolves to its child and URL. */
async function startEngine(dir, databaseUrl, windowRecords = TOTAL) {
  const config = join(dir, 'engine.yaml');
  const storage = databaseUrl
    ? `storage:\n  database_url: ${databaseUrl}\n  buffer_size: ${Number(args.buffer)}\n` +
      (args.yield !== undefined ? `  yield_lag_seconds: ${Number(args.yield)}\n` : '')
    : '';
  writeFileSync(config, `engine:\n  window: { max_records: ${windowRecords}, max_age: 24h }\n${storage}`);
  const argv = ['--config', config, 'engine', '--port', '0', '--data-dir', join(dir, 'data')];
  // ENGINE_NODE_ARGS: node flags for the engine, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it
  const nodeArgs = (process.env.ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const cmd = [process.execPath, ...nodeArgs, join(ROOT, 'bin/mmops.js'), ...argv];
  if (args.pin) cmd.unshift('taskset', '-c', '0'); // taskset execs node: the pid is the engine's
  const engine = spawn(cmd[0], cmd.slice(1), {
    env: {
      ...process.env,
      HOME: dir,
      MONITORING_INTERVAL_SECONDS: '3600',
      ALERT_CHECK_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  engine.stderr.on('data', (c) => {
    if (process.env.VERBOSE) process.stderr.write(c);
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    engine.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    engine.on('exit', (code) => reject(new Error(`engine exited ${code}`)));
  });
  return { engine, url };
}

async function stop(engine) {
  engine.kill('SIGTERM');
  await new Promise((r) => engine.on('exit', r));
}

/** The store's lag figures from /metrics. */
let scrapes = 0;
async function lag(url) {
  scrapes++;
  const text = await (await fetch(`${url}/metrics`)).text();
  const v = (name) => Number(new RegExp(`^market_master_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    seconds: v('store_lag_seconds'),
    records: v('store_lag_records'),
    yielding: v('store_yielding'),
  };
}

/** Samples the lag every 250 ms until stop() is called; resolves to the samples. */
function sampleLag(url) {
  const samples = [];
  let on = true;
  const done = (async () => {
    while (on) {
      samples.push({ at: performance.now(), ...(await lag(url)) });
      await sleep(250);
    }
    return samples;
  })();
  return {
    stop: () => {
      on = false;
      return done;
    },
  };
}

async function drained(url, timeoutMs = 600_000) {
  const t0 = performance.now();
  for (;;) {
    const l = await lag(url);
    if (l.records === 0) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > timeoutMs) throw new Error(`store did not drain: ${JSON.stringify(l)}`);
    await sleep(100);
  }
}

const t0 = Date.now() - TOTAL;
const bodies = Array.from({ length: 32 }, (_, b) =>
  Array.from({ length: BATCH }, (_, i) => JSON.stringify(record(b * BATCH + i, t0))).join('\n'),
);

async function ingest(url) {
  const { acked, seconds } = await postBatches({ url, bodies, clients: CLIENTS, batches: TOTAL / BATCH });
  return acked / seconds;
}

const db = await startDemoPostgres();
if (!db) throw new Error('PostgreSQL 15 is not installed (Debian package postgresql-15)');
const postmaster = await (async () => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const dataDir = (await c.query('SHOW data_directory')).rows[0].data_directory;
  await c.end();
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
})();
if (args.pin) {
  // every thread of this process (the clients) and the engine on core 0; the postmaster and its children on
  // core 1 (backends forked later inherit it)
  execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  for (const pid of [postmaster, ...childrenOf(postmaster)])
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(pid)], { stdio: 'ignore' });
  console.log('pinned: engine and clients on core 0, PostgreSQL on core 1');
}
const sql = async (text) => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
};
const dirs = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mmops-bench-store-'));
  dirs.push(d);
  return d;
};
try {
  console.log(
    `load average before: ${load()}; storage.yield_lag_seconds ${args.yield ?? 'as configured (default 10)'}`,
  );
  // 1. off, then on, same harness
  const off = await startEngine(tempDir(), null);
  await sleep(500);
  // the same /metrics scrapes as the run with the store (they cost the engine CPU too)
  const offSampler = sampleLag(off.url);
  const cOff = cpuNow(off.engine.pid, postmaster);
  const rateOff = await ingest(off.url);
  const cpuOff = cpuSince(cOff, cpuNow(off.engine.pid, postmaster));
  await offSampler.stop();
  await stop(off.engine);
  const dirOn = tempDir();
  const on = await startEngine(dirOn, db.url);
  await sleep(1000); // connected and migrated
  const sampler = sampleLag(on.url);
  const tIngest = performance.now();
  const cOn = cpuNow(on.engine.pid, postmaster);
  const rateOn = await ingest(on.url);
  const ingestEnd = performance.now();
  const cpuOn = cpuSince(cOn, cpuNow(on.engine.pid, postmaster));
  const drainAfter = await drained(on.url);
  const cpuOnDrained = cpuSince(cOn, cpuNow(on.engine.pid, postmaster));
  const samples = await sampler.stop();
  const maxLag = Math.max(...samples.map((s) => s.seconds));
  // the samples taken while the clients were posting, and how many found the writer deferring to them
  const during = samples.filter((s) => s.at <= ingestEnd);
  const deferring = during.filter((s) => s.yielding === 1).length;
  const stored = Number((await sql('SELECT count(*) AS n FROM predictions'))[0].n);
  const storedRate = stored / ((ingestEnd - tIngest) / 1000 + drainAfter);
  if (stored !== TOTAL)
    console.log(`WARNING: ${stored} rows stored for ${TOTAL} acknowledged once the lag read 0`);
  console.log(
    `ingest store off ${Math.round(rateOff).toLocaleString('en')} records/s, on ${Math.round(rateOn).toLocaleString('en')} ` +
      `records/s: ${((rateOn / rateOff) * 100).toFixed(0)} % (target >= 80 %)`,
  );
  console.log(
    `store during full-speed ingest: ${stored.toLocaleString('en')} rows, ${Math.round(storedRate).toLocaleString('en')} rows/s ` +
      `end to end; max lag ${maxLag.toFixed(1)} s; drained ${drainAfter.toFixed(1)} s after the last ack; ` +
      `deferring to ingest in ${deferring} of ${during.length} samples while it ran; load ${load()}`,
  );
  const secs = (x) =>
    `engine ${x.engine.toFixed(1)}, postgres ${x.postgres.toFixed(1)}, clients ${x.clients.toFixed(1)}`;
  console.log(
    `CPU s while ingesting: store off ${secs(cpuOff)} (${(TOTAL / rateOff).toFixed(1)} s wall); ` +
      `store on ${secs(cpuOn)} (${(TOTAL / rateOn).toFixed(1)} s wall); on, until drained: ${secs(cpuOnDrained)}`,
  );
  console.log(
    `CPU µs per record: off ${perRecord(cpuOff, TOTAL)}; on, until drained ${perRecord(cpuOnDrained, TOTAL)}`,
  );

  // 2. paced: --rate records/s for --seconds
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const paced = sampleLag(on.url);
  const start = performance.now();
  let sent = 0;
  for (let b = 0; performance.now() - start < seconds * 1000; b++) {
    const due = start + ((sent + BATCH) / rate) * 1000;
    if (due > performance.now()) await sleep(due - performance.now());
    const body = bodies[b % bodies.length].replaceAll('"id":"r', `"id":"p${b}-r`);
    const res = await fetch(`${on.url}/api/v1/predictions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    await res.text();
    sent += BATCH;
  }
  await drained(on.url);
  const pacedSamples = await paced.stop();
  const pacedMax = Math.max(...pacedSamples.map((s) => s.seconds));
  console.log(
    `paced ${rate.toLocaleString('en')} records/s for ${seconds} s: max store lag ${pacedMax.toFixed(2)} s (target < 5 s); ` +
      `deferring to ingest in ${pacedSamples.filter((x) => x.yielding === 1).length} of ${pacedSamples.length} samples; load ${load()}`,
  );
  await stop(on.engine);

  // 3. the writer alone: copy the whole log again into an empty table
  await sql('TRUNCATE predictions; DELETE FROM store_checkpoints');
  // a small window: the engine's first evaluation (at start, over the replayed window) stays out of the figure
  const again = await startEngine(dirOn, db.url, 1000);
  const tCopy = performance.now();
  const cCopy = cpuNow(again.engine.pid, postmaster);
  const scrapes0 = scrapes;
  await sleep(200);
  await drained(again.url);
  const copySeconds = (performance.now() - tCopy) / 1000;
  const cpuCopy = cpuSince(cCopy, cpuNow(again.engine.pid, postmaster));
  // what the bench's own /metrics polling cost the engine meanwhile: 50 scrapes of the idle engine, timed
  const copyScrapes = scrapes - scrapes0;
  const cScrape = engineCpu(again.engine.pid);
  for (let i = 0; i < 50; i++) await lag(again.url);
  const scrapeCpu = (engineCpu(again.engine.pid) - cScrape) / 50;
  const copied = Number((await sql('SELECT count(*) AS n FROM predictions'))[0].n);
  await stop(again.engine);
  console.log(
    `writer alone: ${copied.toLocaleString('en')} rows in ${copySeconds.toFixed(1)} s = ` +
      `${Math.round(copied / copySeconds).toLocaleString('en')} rows/s (batch 100, buffer ${args.buffer}); load ${load()}`,
  );
  const writerEngine = cpuCopy.engine - copyScrapes * scrapeCpu;
  console.log(
    `writer alone, CPU µs per row: engine ${((cpuCopy.engine / copied) * 1e6).toFixed(1)} ` +
      `(${((writerEngine / copied) * 1e6).toFixed(1)} without the bench's ${copyScrapes} /metrics scrapes at ` +
      `${(scrapeCpu * 1000).toFixed(1)} ms each), postgres ${((cpuCopy.postgres / copied) * 1e6).toFixed(1)}`,
  );

  // 4. size per million rows (heap, TOAST and indexes of every partition)
  const size = Number(
    (
      await sql(`SELECT sum(pg_total_relation_size(inhrelid)) AS bytes FROM pg_inherits
                 WHERE inhparent = 'predictions'::regclass`)
    )[0].bytes,
  );
  console.log(
    `predictions: ${(size / 2 ** 20).toFixed(0)} MiB for ${copied.toLocaleString('en')} rows = ` +
      `${(((size / copied) * 1e6) / 2 ** 20).toFixed(0)} MiB per million rows (20 numeric features each)`,
  );
} finally {
  await db.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

// What the engine benchmarks share (bench/engine.mjs, engine-eval.mjs, engine-ingest.mjs): the synthetic
// records, the real `mmops engine` binary on a free port, and one evaluation pass as the engine runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
/** Records per NDJSON batch, as the ingest benchmark. */
export const BATCH = 1000;
/** 20 numeric features. */
export const FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);

/** Record `n`, at `t0 + n` ms, with random features, latency, confidence and spread. */
export function record(n, t0) {
  const features = {};
  for (const f of FEATURES) features[f] = Math.round(Math.random() * 1e6) / 1e4;
  return {
    id: `r${n}`,
    ts: t0 + n,
    model: 'lgbm-v3',
    asset_class: 'crypto',
    features,
    prediction: n % 2 ? 'up' : 'down',
    confidence: Math.round(Math.random() * 1000) / 1000,
    latency_seconds: Math.round(Math.random() * 1e4) / 1e5,
    spread: Math.round(Math.random() * 1000) / 1000,
    spread_limit: 1,
  };
}

/**
 * Starts the real engine (temp data dir, a window of `maxRecords`, evaluation every hour so it does not
 * interfere); resolves to the child, its URL and its temp dir. `nodeArgs` go before the script (--cpu-prof).
 */
export async function startEngineBinary(maxRecords, nodeArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-bench-engine-'));
  const config = join(dir, 'engine.yaml');
  writeFileSync(config, `engine:\n  window: { max_records: ${maxRecords}, max_age: 24h }\n`);
  const argv = ['--config', config, 'engine', '--port', '0', '--data-dir', join(dir, 'data')];
  const engine = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/mmops.js'), ...argv], {
    env: {
      ...process.env,
      HOME: dir,
      MONITORING_INTERVAL_SECONDS: '3600',
      ALERT_CHECK_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
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
  return { engine, url, dir };
}

/**
 * One evaluation as the engine runs it (evaluator.ts), over a window of `rows` records with actuals:
 * the reference (10,000 rows) prepared once, the engine's drift rule and kept worker threads, its kept
 * sort buffers. `pass()` evaluates once; `close()` stops the workers. `dist` is the build to load.
 */
export async function evaluationSetup(rows, dist = join(ROOT, 'dist')) {
  const load = (p) => import(join(dist, p));
  const { PredictionWindow, evaluateWindow, engineDriftDetector } = await load('engine/index.js');
  const { rulesFromConfig } = await load('alerting/index.js');
  const { loadConfig } = await load('config/index.js');
  const { DriftWorkerPool, frameFromColumns, prepareReference, SortedColumns } =
    await load('monitor/index.js');
  const home = mkdtempSync(join(tmpdir(), 'mmops-bench-eval-'));
  const cfg = loadConfig({ home, env: {} }).config;
  rmSync(home, { recursive: true, force: true });
  const now = Date.now();
  let window = new PredictionWindow({ maxRecords: rows, maxAgeMs: 86_400_000 });
  for (let b = 0; b < rows / BATCH; b++) {
    window.add(
      Array.from({ length: BATCH }, (_, i) => ({
        ...record(b * BATCH + i, now - rows),
        actual: i % 3 ? 'up' : 'down',
      })),
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
    ...{ cpuRatio: 0.1, memoryRatio: 0.1, diskRatio: 0.1, load1: 0, load5: 0, load15: 0 },
    ...{ network: null, gpu: null, ts: now },
  };
  return {
    pass: () =>
      evaluateWindow({
        columns: window.snapshot(now),
        reference,
        config: cfg,
        rules: rulesFromConfig(cfg),
        system,
        baseline: null,
        throughput: 100,
        now,
        detect,
        sorted,
      }),
    close: async () => {
      window = null; // what runs next should not carry this window's heap
      await pool.close();
    },
  };
}

/**
 * Posts `batches` NDJSON bodies (cycling through `bodies`, ids made unique per batch) from `clients`
 * concurrent clients until done or `deadline` (performance.now() ms); resolves to what was acknowledged
 * and each ack's latency (ms).
 */
export async function postBatches({ url, bodies, clients, batches, deadline = Number.POSITIVE_INFINITY }) {
  let next = 0;
  let acked = 0;
  const latencies = [];
  const started = performance.now();
  async function client() {
    while (next < batches && performance.now() < deadline) {
      const b = next++;
      const body = bodies[b % bodies.length].replaceAll('"id":"r', `"id":"b${b}-r`);
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/predictions`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-ndjson' },
      });
      await res.text();
      if (res.status !== 200) throw new Error(`batch ${b}: HTTP ${res.status}`);
      latencies.push(performance.now() - t);
      acked += BATCH;
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  return { acked, latencies, seconds: (performance.now() - started) / 1000 };
}

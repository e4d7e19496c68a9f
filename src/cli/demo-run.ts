/**
 * `mmops demo`: the whole loop on one machine. The engine (temp data dir, short intervals, a simulator
 * reference) and the simulator run in this process; Prometheus and Alertmanager join when installed.
 * Until the console exists it prints a status line every few seconds and reads `fault <name> on|off`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RULE_FILES, renderRuleFiles } from '../alerting/index.js';
import { type Config, demoStateFile, loadConfig, removeDemoState, writeDemoState } from '../config/index.js';
import { type RunningEngine, startEngine } from '../engine/index.js';
import { SIMULATION_CAP } from '../monitor/index.js';
import {
  applyFaultCommand,
  createFetchPost,
  createSimulator,
  FAULT_NAMES,
  readFaultCommands,
  writeReference,
} from '../sim/index.js';
import { startEngineAckLoop } from './ack-loop.js';
import { rootConfigFile } from './config-option.js';
import { runConsoleWithRunbooks } from './console.js';
import { createEngineSwitch, type EngineSwitch } from './demo-engine-switch.js';
import { startDemoPostgres } from './demo-postgres.js';
import { type Component, freePort, startAlertmanager, startPrometheus } from './demo-stack.js';
import { stopParts } from './demo-stop.js';
import { EXIT } from './exit.js';
import { intFlag, releaseProcess, signalLatch } from './lifetime.js';
import { defaultLogDir } from './log-dir.js';

/** The command's options, as commander parses them. */
export interface Opts {
  console: boolean;
  rate: string;
  seed: string;
}

/** The demo's config: short intervals, a 90-second window, 1m rates and `for` delays of 10 s, so faults show and clear fast. */
export function demoConfig(base: Config): Config {
  const c = structuredClone(base);
  c.intervals.monitoring_seconds = 2;
  c.intervals.alert_check_seconds = 2;
  c.engine.host = '127.0.0.1';
  // 90 s: about 1,700 scored predictions at 20/s, enough for a baseline (1,000), short enough to clear fast
  c.engine.window = { ...c.engine.window, max_records: 5000, max_age: '90s' };
  // Prometheus' rates over 1m (30 scrapes at the demo's 2 s): an alert clears about a minute after its fault.
  c.alerting.rate_window = '1m';
  for (const t of Object.values(c.thresholds)) t.for = '10s';
  c.quality.for = '10s';
  // quality on the last 30 s (600 records at 20/s): the quality fault's 25 points of bad rows cross
  // min_score once they are 2/3 of what is judged, about 20 s in; over the whole 90 s window it took 60 s
  c.quality.window = '30s';
  // The memory and cpu faults act on this process (engine and simulator share it), judged against budgets
  // it sets rather than the host, so they cross the levels on any host (README "Game day"). Measured on a
  // 2-core host at load 15: the demo uses about 186 MiB and 0.2 cores, so 36 % and 33 % when healthy.
  c.system.memory_budget_bytes = DEMO_MEMORY_BUDGET;
  c.system.cpu_budget_cores = 0.6;
  c.drift.for = '10s';
  // Drift judged from the largest size its calibration simulates. Below it each new size on the
  // quarter-octave grid (simulatedSize) costs a null simulation per column, 0.6-0.8 s of a thread, and the
  // growing window reaches a new size every one to three evaluations. At the engine's 300 s interval that is a
  // trickle; at the demo's 2 s the process read 85-100 % of its 0.6-core budget through its first 50 s on a
  // quiet host, and HighCpuUtilization fired with no fault (`npm start`; CI, 2026-12-06). From the cap on,
  // one simulation per column serves every larger window. The price: a window under 1,000 records (the
  // first 50 s, or the stall fault's tenth of the traffic) says "too few records to judge" for drift.
  c.drift.min_rows = Math.max(c.drift.min_rows, SIMULATION_CAP);
  c.performance.degradation_for = '10s';
  return c;
}

const MiB = 1024 * 1024;
/** The demo's memory budget; the memory fault's ballast (DEMO_BALLAST) takes the process past 75 % of it. */
const DEMO_MEMORY_BUDGET = 512 * MiB;
/** 320 MiB in 16 MiB steps: 75 % of the budget within about 3 s of the fault, 95 % at the cap. */
const DEMO_BALLAST = { capBytes: 320 * MiB, stepBytes: 16 * MiB };
/**
 * Threads the cpu fault spins: 4, so that even on a host where each runnable thread gets a tenth of a core
 * (2 cores, load 20) the burn is 0.4 cores, 67 % of the 0.6-core budget before the demo's own 0.2.
 */
const DEMO_CPU_THREADS = 4;

/** One status line from the engine's latest evaluation. */
export function statusLine(engine: RunningEngine): string {
  const r = engine.report();
  if (!r) return 'demo: waiting for the first evaluation';
  const f = (x: number | null | undefined, digits = 2) => (typeof x === 'number' ? x.toFixed(digits) : '-');
  const firing = engine
    .alerts()
    .filter((a) => a.state === 'firing')
    .map((a) => `${a.name}(${a.severity})`);
  const p95 = r.performance.latency.p95;
  return [
    `records ${r.window.records}`,
    `quality ${f(r.quality?.score)}`,
    // not judged: why, in place of a bare "-%" (too few records through the first 50 s)
    r.drift
      ? `drifted ${f(r.drift.driftedShare * 100, 0)}%`
      : `drifted - (${r.driftNote ?? 'no figures yet'})`,
    `prediction drift ${f(r.predictionDrift.score)}`,
    `p95 ${p95 === null ? '-' : `${(p95 * 1000).toFixed(0)}ms`}`,
    `errors ${f(r.performance.errorRatio === null ? null : r.performance.errorRatio * 100, 1)}%`,
    `firing: ${firing.join(', ') || 'none'}`,
  ].join(' | ');
}

/** A stop signal (Ctrl-C, SIGTERM, a hangup) while the demo's servers start: stop the ones started so far. */
class StartStopped extends Error {}

/** Runs the demo until Ctrl-C (or SIGTERM, or a hangup), then stops everything and removes the temp dirs. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  // Listening from the first moment: without it a signal during the start-up took Node's default action and
  // ended the process between two servers, leaving PostgreSQL running and the temp dirs behind (SIGINT or
  // SIGTERM 1-2 s after `mmops demo`). Each start-up step ends at a checkpoint.
  const signal = signalLatch();
  const checkpoint = () => {
    if (signal.received) throw new StartStopped();
  };
  let quiet = false;
  const say = (line: string) => void (quiet || process.stderr.write(`${line}\n`));
  const file = rootConfigFile(cmd);
  const config = demoConfig(loadConfig(file ? { configFile: file } : {}).config);
  const tmp = mkdtempSync(join(tmpdir(), 'mmops-demo-'));
  const started: Component[] = [];
  let engine: RunningEngine | undefined;
  let engineSwitch: EngineSwitch | undefined;
  let acks: { stop(): Promise<void> } | undefined;
  const stateFile = demoStateFile();
  try {
    const reference = join(tmp, 'reference.csv');
    await writeReference(reference, { rows: 5000, outputs: true }); // outputs: prediction drift's reference
    checkpoint();
    // A real PostgreSQL for the prediction store when installed (unless the config names one): the
    // runbooks' SQL steps then run against what the engine wrote instead of being skipped.
    if (!config.storage.database_url) {
      const pg = await startDemoPostgres().catch(
        (err) => void say(`demo: postgres did not start: ${String(err)}`),
      );
      if (pg) {
        started.push(pg);
        config.storage.database_url = pg.url;
        config.storage.collection_interval_seconds = 2;
        say(`demo: postgres on ${pg.url} (DATABASE_URL for the runbooks in another terminal)`);
      }
      checkpoint();
    }
    const port = await freePort(8000);
    const start = () =>
      startEngine({
        config,
        port,
        dataDir: join(tmp, 'engine'),
        referenceFile: reference,
        log: (l) => say(`engine: ${l}`),
        // the console runs in this process: drift's work off its thread, so its keys answer at once
        driftOffThread: true,
      });
    engine = await start();
    engineSwitch = createEngineSwitch(engine, start, say);
    say(`demo: engine on ${engine.url} (data in ${tmp})`);
    checkpoint();
    const am = await startAlertmanager(join(tmp, 'alertmanager')).catch(
      (err) => void say(`demo: alertmanager did not start: ${String(err)}`),
    );
    if (am) started.push(am);
    checkpoint();
    acks = startEngineAckLoop(
      config,
      { engine: engine.url, alertmanager: am?.url ?? config.sources.alertmanager_url },
      (l) => say(`demo: ${l}`),
    );
    // The same generated rules as production (alerts and the recording rules they read), with the demo's
    // 10 s `for`, so a fault's Prometheus alert goes pending, then firing, within seconds.
    const rulesDir = join(tmp, 'rules');
    mkdirSync(rulesDir, { recursive: true });
    const rendered = renderRuleFiles(config, { forOverride: '10s' });
    const rules = [RULE_FILES.alerts, RULE_FILES.recording].map((name) => {
      writeFileSync(join(rulesDir, name), rendered[name] ?? '');
      return join(rulesDir, name);
    });
    const prom = await startPrometheus(
      join(tmp, 'prometheus'),
      `127.0.0.1:${engine.port}`,
      am?.url ?? null,
      rules,
    ).catch((err) => void say(`demo: prometheus did not start: ${String(err)}`));
    if (prom) started.push(prom);
    checkpoint();
    for (const c of started) if (c.name !== 'postgres') say(`demo: ${c.name} on ${c.url}`);
    if (!prom) say('demo: prometheus is not on PATH; the engine alone serves /metrics');
    // Other shells' `mmops` commands find this demo here, whatever ports it got (issue 12).
    writeDemoState(stateFile, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      urls: {
        engine_url: engine.url,
        ...(prom ? { prometheus_url: prom.url } : {}),
        ...(am ? { alertmanager_url: am.url } : {}),
      },
    });
    say(`demo: URLs in ${stateFile} for other mmops commands`);
    const token = config.engine.ingest_token;
    const logDir = defaultLogDir();
    const sim = createSimulator({
      engineUrl: engine.url,
      rate: Number(opts.rate) || 20,
      seed: intFlag('--seed', opts.seed) ?? 42,
      // The usual log dir, so `mmops diag logs` and the runbooks find these logs without flags.
      logDir,
      post: createFetchPost(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      memory: DEMO_BALLAST,
      cpuThreads: DEMO_CPU_THREADS,
      // the engine fault is the demo's to carry out: the engine runs in this process
      onSwitch: (name, on) => {
        if (name === 'engine') void engineSwitch?.set(on);
      },
    });
    sim.start();
    say(`demo: simulator sending ${Number(opts.rate) || 20} records/s; logs in ${logDir}`);
    if (opts.console && process.stdout.isTTY && process.stdin.isTTY) {
      // The console over the demo stack; `f` switches faults. Engine log lines would tear the full-screen
      // frame, so they go quiet while it runs. The latch stays on through it: a stop signal quits the
      // console (its `stop`), even one that came while it started, and the demo then stops everything.
      // Disposed here, a `kill -INT` took Node's default and left PostgreSQL running.
      quiet = true;
      const sources = {
        ...config.sources,
        engine_url: engine.url,
        ...(prom ? { prometheus_url: prom.url } : {}),
        ...(am ? { alertmanager_url: am.url } : {}),
      };
      await runConsoleWithRunbooks({ ...config, sources }, file, {
        stop: signal.wait,
        onFault: (line) =>
          applyFaultCommand(`fault ${line}`, sim) ?? 'type a fault and on or off, e.g. latency on',
      });
      quiet = false;
    } else {
      if (opts.console)
        say('demo: no terminal here, so no console: status lines follow (mmops demo --no-console)');
      say(
        `demo: type "fault drift on" (${FAULT_NAMES.join('|')}|all, on|off; several: "fault drift,latency on"); Ctrl-C stops`,
      );
      void readFaultCommands(process.stdin, sim, (l) => say(`demo: ${l}`)).catch(() => undefined);
      const sw = engineSwitch;
      const timer = setInterval(() => {
        const e = sw.current();
        say(e ? statusLine(e) : 'demo: engine down (fault engine on)');
      }, 5000);
      await signal.wait;
      clearInterval(timer);
    }
    // the simulator first: it posts to the engine, which stops with the rest below
    await sim.stop();
  } catch (err) {
    if (!(err instanceof StartStopped)) throw err;
    say(`demo: ${signal.received} while starting: stopping what started`);
  } finally {
    signal.dispose();
    removeDemoState(stateFile, process.pid);
    await engineSwitch?.settled();
    const e = engineSwitch ? engineSwitch.current() : engine;
    const a = acks;
    await stopParts(
      [
        ...(a ? [{ name: 'acks', stop: () => a.stop() }] : []),
        ...(e ? [{ name: 'engine', stop: () => e.close(500) }] : []),
        ...started,
      ],
      (l) => process.stderr.write(`${l}\n`),
    );
    await rm(tmp, { recursive: true, force: true });
  }
  // everything the demo started has stopped: 0.5 s for a last notification, not the usual 3 s
  releaseProcess(EXIT.ok, 500);
  return EXIT.ok;
}

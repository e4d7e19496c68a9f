/**
 * The engine service: opens the data dir (event log, reference, baseline, alert history), rebuilds the
 * window from the log, starts the one scheduler (evaluation, alert checks, retention) and the HTTP server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  type AlertState,
  createFileHistory,
  createHistoryBuffer,
  type DispatcherOptions,
  describeInvalidLines,
  type Notifier,
  rulesFromConfig,
} from '../alerting/index.js';
import { type Config, expandHome } from '../config/index.js';
import { createAlertChecker } from './alert-checker.js';
import { bindProblem } from './auth.js';
import { createEvaluator } from './evaluator.js';
import { openEventLog } from './event-log/index.js';
import { createHttpServer } from './http-server.js';
import { createIngest, replayInto } from './ingest.js';
import { createIngestPressure } from './ingest-pressure.js';
import { IngestWorkers } from './ingest-workers.js';
import { createEngineMetrics } from './metrics/index.js';
import { notifyStartProblem, setupNotify } from './notify-setup.js';
import { loadReference, removeStagingLeftovers, storedReference } from './reference-store.js';
import type { EngineReport } from './report-types.js';
import { createScheduler } from './scheduler.js';
import { createSilenceStore } from './silence-store.js';
import { attachStore } from './store/index.js';
import { createSystemSampler, type SystemSampler } from './system/index.js';
import { PredictionWindow, windowOptions } from './window.js';

/** How to start an engine; flags override the config's engine.host, port and data_dir. */
export interface EngineOptions {
  config: Config;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dataDir?: string;
  /** A reference file to use instead of the one stored in the data dir. */
  referenceFile?: string;
  clock?: () => number;
  /** Progress and problems, one line each; stderr by default. */
  log?: (line: string) => void;
  sampler?: SystemSampler;
  /** Replaces the notifiers built from config.notify. */
  notifiers?: Notifier[];
  /** Retry tuning of the notification dispatcher (tests shorten the backoff). */
  dispatcher?: Omit<DispatcherOptions, 'notifiers' | 'store'>;
  /** The user configured Alertmanager (sources.alertmanager_url): by default it notifies, not the engine. */
  alertmanagerConfigured?: boolean;
  /**
   * Every window's numeric drift on the worker threads, however small: for an engine that shares its
   * thread with a console (`mmops demo`). Drift's calibration simulates a null distribution for each new
   * window size, 0.6-0.8 s of one thread an evaluation while a window grows, and a key pressed in the
   * console waited for it (bench/README.md, "Console", eighth session).
   */
  driftOffThread?: boolean;
}

/** A running engine. */
export interface RunningEngine {
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Log entries read back from the event log at start. */
  replayed: number;
  /** The reference file in use, or null. */
  reference: string | null;
  /** Runs one evaluation now (tests, and the first one at start). */
  evaluateNow(): Promise<void>;
  /** Runs one alert check now. */
  checkAlertsNow(): Promise<void>;
  report(): EngineReport | null;
  /** The current alerts (pending, firing, recently resolved). */
  alerts(): AlertState[];
  /** Stops serving, finishes runs in flight, closes the log; gives notices up to `drainMs` to go out. */
  close(drainMs?: number): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** Starts the engine; rejects with EngineStartError when it must not or cannot start. */
export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  const { config } = opts;
  const host = opts.host ?? config.engine.host;
  const token = config.engine.ingest_token;
  const problem = bindProblem(host, token);
  if (problem) throw new EngineStartError(problem);
  const notifyProblem = notifyStartProblem(config);
  if (notifyProblem) throw new EngineStartError(notifyProblem);
  const clock = opts.clock ?? Date.now;
  const say = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dataDir = expandHome(opts.dataDir ?? config.engine.data_dir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 }); // every prediction lands here (issue 17, defect 13)

  const window = new PredictionWindow(windowOptions(config.engine));
  const log = await openEventLog({
    dir: join(dataDir, 'events'),
    retentionDays: config.engine.retention_days,
    now: clock,
  });
  await removeStagingLeftovers(dataDir);
  const referenceFile = opts.referenceFile ?? storedReference(dataDir);
  const reference = referenceFile ? await loadReference(referenceFile) : null;
  // Before the replay: the reference's features keep their place in the window whatever the log holds.
  if (reference) window.reserveFeatures(reference.columns.map((c) => c.name));
  const replay = replayInto(window, clock());
  const replayed = await log.replay(replay.entry);
  replay.flush();

  const metrics = createEngineMetrics({ prefix: config.metrics.prefix });
  // How busy ingest is, on a monotonic clock: the store defers its writes while ingest is under pressure.
  const pressure = createIngestPressure(() => performance.now());
  // The prediction store copies the log into PostgreSQL (storage.database_url); it never waits on the server.
  let figures: () => { at: number; values: Record<string, number | null> } | null = () => null;
  const stored = await attachStore({
    config,
    dataDir,
    logDir: join(dataDir, 'events'),
    log,
    registry: metrics.registry,
    clock,
    say,
    figures: () => figures(),
    underPressure: pressure.underPressure,
  });
  const { store } = stored;
  const boot = `${clock().toString(36)}-${randomBytes(3).toString('hex')}`;
  let seq = 0;
  // Two parsing threads: JSON.parse and validation of one batch run while the engine thread applies another.
  // On a single core a thread would only add the hop, so bodies are then parsed inline.
  const workers = new IngestWorkers(availableParallelism() >= 2 ? 2 : 0);
  const ingest = createIngest({
    log: stored.log,
    window,
    metrics,
    clock,
    workers,
    pressure,
    idGen: () => `${boot}-${seq++}`,
  });

  const rules = rulesFromConfig(config);
  const dispatcher = await setupNotify({
    config,
    dataDir,
    clock,
    say,
    registry: metrics.registry,
    ...(opts.notifiers ? { notifiers: opts.notifiers } : {}),
    ...(opts.dispatcher ? { tuning: opts.dispatcher } : {}),
    alertmanagerConfigured: opts.alertmanagerConfigured ?? false,
  });
  const history = createFileHistory(join(dataDir, 'alert-history.ndjson'));
  const silences = createSilenceStore(join(dataDir, 'silences.json'), clock);
  const alerts = createAlertChecker({
    muted: (labels) => silences.mutedBy(labels).length > 0,
    config,
    rules,
    dispatcher,
    buffer: createHistoryBuffer(1000, (await history.load()).slice(-1000)),
    sink: history,
    onError: (err) => say(`alert history: ${String(err)}`),
  });
  // Lines that are not history entries are skipped at load: said once, with a count (issue 12, point 8).
  const skipped = describeInvalidLines(history.path, history.invalidLines());
  if (skipped) say(`alert history: ${skipped}`);
  const evaluator = createEvaluator({
    config,
    rules,
    window,
    reference,
    dataDir,
    clock,
    metrics,
    alerts,
    ingest,
    ...(opts.driftOffThread ? { driftThreadsFromCells: 0 } : {}),
    sampler:
      opts.sampler ??
      createSystemSampler({
        path: dataDir,
        budget: { memoryBytes: config.system.memory_budget_bytes, cpuCores: config.system.cpu_budget_cores },
      }),
  });
  figures = () => {
    const run = evaluator.lastRun();
    const latest = evaluator.latest();
    return run?.ok && latest ? { at: run.at, values: latest.values } : null;
  };
  const scheduler = createScheduler(
    [
      { name: 'evaluate', intervalMs: config.intervals.monitoring_seconds * 1000, run: evaluator.evaluate },
      {
        name: 'alerts',
        intervalMs: config.intervals.alert_check_seconds * 1000,
        run: async () => evaluator.checkAlerts(),
      },
      { name: 'retention', intervalMs: HOUR_MS, run: async () => void (await log.prune()) },
      ...(store
        ? [{ name: 'store retention', intervalMs: HOUR_MS, run: async () => void (await store.retention()) }]
        : []),
    ],
    (task, err) => say(`${task}: ${err instanceof Error ? err.message : String(err)}`),
  );
  const server = await createHttpServer({
    config,
    host,
    token,
    ingest,
    evaluator,
    dispatcher,
    dataDir,
    metrics,
    alerts,
    log,
    clock,
    ...(store ? { storeStatus: store.status } : {}),
    silences,
  });
  const address = await server.listen(host, opts.port ?? config.engine.port);
  scheduler.start();
  await log.prune().catch((err) => say(`retention: ${String(err)}`));
  void store?.retention().catch((err) => say(`store retention: ${String(err)}`));
  // The first evaluation right away, so /api/v1/report has data without waiting a whole interval.
  void scheduler.runNow('evaluate').catch((err) => say(`evaluate: ${String(err)}`));
  return {
    ...address,
    dataDir,
    replayed: replayed.entries,
    reference: referenceFile,
    evaluateNow: () => scheduler.runNow('evaluate'),
    checkAlertsNow: () => scheduler.runNow('alerts'),
    report: () => evaluator.latest()?.report ?? null,
    alerts: () => alerts.alerts(),
    async close(drainMs = 2000) {
      await server.close();
      await workers.close();
      await scheduler.stop();
      await evaluator.close();
      await store?.close();
      await log.close();
      // the last alert transitions are still being appended: nothing may write in the data dir after close
      await history.flush();
      await dispatcher.close(drainMs);
    },
  };
}

/** The engine refused to start (exit 2): a bad bind, a bad reference. */
export class EngineStartError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'EngineStartError';
  }
}

/** The demo model service: serves predictions at a rate, ships them to the engine, and the actuals later. */
import { createActualSchedule } from './actual-schedule.js';
import { systemClock } from './clock.js';
import { createCpuBurn } from './cpu-burn.js';
import type { DeliveryCounts } from './delivery.js';
import { createEngineChannels } from './engine-channels.js';
import { activeFaults, type FaultName, type FaultSet, faultSet, isFaultName } from './faults.js';
import { formatLogLine, type LogFields, type LogLevel, openLogFile } from './log-file.js';
import { createMemoryBallast } from './memory-ballast.js';
import { createFetchPost } from './post.js';
import { createRecordSource } from './records.js';
import { createRequestQueue } from './request-queue.js';
import { createRng } from './rng.js';
import type { SimulatorOptions, SimulatorStats } from './simulator-types.js';
import { createTickLog } from './tick-log.js';
import type { Generated } from './types.js';

export type { SimulatorOptions, SimulatorStats } from './simulator-types.js';

/** A running (or stopped) demo service. */
export interface Simulator {
  start(): void;
  /** Stops ticking, waits for posts in flight, flushes the logs and frees the memory ballast. */
  stop(): Promise<void>;
  /** Switches one fault; throws RangeError for a name that is not a fault. */
  setFault(name: FaultName, on: boolean): void;
  faults(): FaultSet;
  /** Changes the records per second from the next tick on (e.g. below 5/s to trip the throughput alert). */
  setRate(rate: number): void;
  stats(): SimulatorStats;
}

function checkRate(rate: number): number {
  if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`rate must be a number > 0, got ${rate}`);
  return rate;
}

/** Builds a simulator; nothing happens until start(). */
export function createSimulator(opts: SimulatorOptions): Simulator {
  let rate = checkRate(opts.rate ?? 20);
  const intervalMs = opts.intervalMs ?? 250;
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${intervalMs}`);
  const seed = opts.seed ?? 42;
  const clock = opts.clock ?? systemClock;
  const post = opts.post ?? createFetchPost();
  const base = opts.engineUrl.replace(/\/+$/, '');
  const cap = opts.maxBuffered ?? 50_000;
  const rng = createRng(seed, 4);
  const faults: FaultSet = { ...faultSet(), ...opts.faults };
  const files = opts.logDir
    ? openLogFile({
        dir: opts.logDir,
        now: clock.now,
        maxBytes: opts.logMaxBytes,
        onError: (err) => opts.onLog?.(`log write failed: ${err.message}`, 'WARN'),
      })
    : undefined;
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    const line = files
      ? files.log(level, message, fields)
      : formatLogLine(clock.now(), level, message, fields);
    opts.onLog?.(line, level);
  };
  const tickLog = createTickLog(log, opts.slowBatchSeconds ?? 0.25);
  const ballast = createMemoryBallast(opts.memory);
  const queue = createRequestQueue(opts.queue);
  const burn = createCpuBurn(opts.cpuThreads);
  const schedule = createActualSchedule({
    delayMs: opts.actualDelayMs ?? [2000, 5000],
    lossRatio: opts.actualLossRatio ?? 0.02,
    cap,
    rng,
  });
  const channels = createEngineChannels({
    base,
    post,
    now: clock.now,
    random: () => rng.next(),
    cap,
    batchSize: opts.batchSize ?? 1000,
    retryBaseMs: opts.retryBaseMs ?? 250,
    retryMaxMs: opts.retryMaxMs ?? 10_000,
    schedule,
    tickLog,
  });
  const { predictions, actuals } = channels;

  const source = createRecordSource({ seed, idPrefix: `sim${seed}-${clock.now().toString(36)}` });
  let running = false;
  let cancel: (() => void) | undefined;
  let lastTick = 0;
  let carry = 0;
  let generated = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const pump = (p: Promise<void>) => {
    const tracked = p.catch((err) => log('ERROR', 'delivery failed', { reason: String(err) }));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  function produce(now: number): void {
    // Carry fractions over, so 3 records/s at 4 ticks/s is exactly 3/s, and cap a stall's catch-up at 10 s.
    const elapsed = Math.min(now - lastTick, 10_000);
    const due = carry + (rate * elapsed) / 1000;
    const n = Math.floor(due);
    carry = due - n;
    const batch: Generated[] = [];
    for (let i = 0; i < n; i++) batch.push(...source.next(now - elapsed + ((i + 1) * elapsed) / n, faults));
    // Each record reports the request queue as its request found it (README "Engine HTTP contract").
    const depth = queue.step(batch.length, elapsed, faults.queue);
    for (const g of batch) {
      g.record.queue_depth = depth;
      g.record.queue_capacity = queue.capacity;
    }
    generated += batch.length;
    failed += tickLog.batch(batch);
    predictions.enqueue(batch);
  }

  function tick(): void {
    if (!running) return;
    const now = clock.now();
    try {
      produce(now);
      if (faults.memory) tickLog.memory(ballast.grow(), ballast.capBytes);
      if (faults.cpu) burn.start();
      actuals.enqueue(schedule.takeDue(now));
      pump(predictions.pump());
      pump(actuals.pump());
    } catch (err) {
      log('ERROR', 'tick failed', { reason: err instanceof Error ? err.message : String(err) });
    }
    lastTick = now;
    files?.flush();
    cancel = clock.setTimer(tick, Math.max(0, intervalMs - (clock.now() - now)));
  }

  const release = () => {
    const held = ballast.bytes();
    ballast.release();
    tickLog.released(held);
  };

  function stats(): SimulatorStats {
    const p: DeliveryCounts = predictions.counts();
    const a: DeliveryCounts = actuals.counts();
    return {
      running,
      rate,
      faults: { ...faults },
      generated,
      failedPredictions: failed,
      sent: p.sent,
      acked: p.accepted,
      rejected: p.rejected,
      dropped: p.dropped,
      buffered: p.queued,
      posts: p.posts + a.posts,
      failedPosts: p.failedPosts + a.failedPosts,
      actualsSent: a.accepted,
      actualsPending: schedule.size + a.queued,
      actualsWithheld: channels.withheld(),
      actualsDropped: schedule.dropped + a.dropped + a.rejected,
      memoryBytes: ballast.bytes(),
      queueDepth: queue.depth(),
      queueCapacity: queue.capacity,
    };
  }

  return {
    start() {
      if (running) return;
      running = true;
      lastTick = clock.now();
      const on = activeFaults(faults).join(',') || 'none';
      log('INFO', 'simulator started', { engine: base, rate, seed, faults: on });
      files?.flush();
      cancel = clock.setTimer(tick, intervalMs);
    },
    async stop() {
      if (!running) {
        await Promise.all(inFlight); // a second stop() waits too, but logs nothing twice
        return;
      }
      running = false;
      cancel?.();
      await Promise.all(inFlight);
      release();
      await burn.stop();
      const s = stats();
      log('INFO', 'simulator stopped', { generated: s.generated, acked: s.acked, buffered: s.buffered });
      files?.flush();
    },
    setFault(name, on) {
      if (!isFaultName(name)) throw new RangeError(`unknown fault "${name}"`);
      if (faults[name] === on) return;
      faults[name] = on;
      log('WARN', 'fault switched', { fault: name, state: on ? 'on' : 'off' });
      if (name === 'memory' && !on) release();
      if (name === 'cpu' && !on) void burn.stop();
      if (name === 'cpu' && on) log('WARN', 'cpu burn started', { threads: burn.threads });
      opts.onSwitch?.(name, on);
      files?.flush();
    },
    faults: () => ({ ...faults }),
    setRate(next) {
      rate = checkRate(next);
      log('WARN', 'rate changed', { rate });
    },
    stats,
  };
}

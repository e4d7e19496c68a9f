/** The simulator's settings and counters. */
import type { SimClock } from './clock.js';
import type { FaultName, FaultSet } from './faults.js';
import type { LogLevel } from './log-file.js';
import type { BallastOptions } from './memory-ballast.js';
import type { PostFn } from './post.js';
import type { RequestQueueOptions } from './request-queue.js';

/** Simulator settings; only engineUrl is required. */
export interface SimulatorOptions {
  /** The engine's base URL, e.g. http://127.0.0.1:8000. */
  engineUrl: string;
  /** Records per second. Default 20. */
  rate?: number;
  /** Most records per POST (a backlog drains in posts this size). Default 1000. */
  batchSize?: number;
  /** Tick interval: one batch per tick. Default 250 ms. */
  intervalMs?: number;
  seed?: number;
  /** Faults on at start. */
  faults?: Partial<FaultSet>;
  clock?: SimClock;
  /** Default: fetch, 5 s timeout. */
  post?: PostFn;
  /** Where app.log and error.log go; without it, nothing is written to disk. */
  logDir?: string;
  /** Rotate a log to `.1` past this size. Default 10 MiB. */
  logMaxBytes?: number;
  /** Every log line, as written (e.g. to echo on stderr). */
  onLog?: (line: string, level: LogLevel) => void;
  /** Actuals follow their predictions after this delay, or a uniform [min, max]. Default [2000, 5000]. */
  actualDelayMs?: number | readonly [number, number];
  /** Share of actuals that never arrive. Default 0.02. */
  actualLossRatio?: number;
  /** Records (and, separately, actuals) held while the engine is away. Default 50,000. */
  maxBuffered?: number;
  /** Retry backoff, in ms. Default 250 doubling to 10,000. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A batch whose p95 prediction latency exceeds this is logged as WARN slow batch. Default 0.25 s. */
  slowBatchSeconds?: number;
  /** The memory fault's growth. */
  memory?: BallastOptions;
  /** The service's request queue (the queue fault slows its workers). */
  queue?: RequestQueueOptions;
  /** Threads the cpu fault spins. Default 2. */
  cpuThreads?: number;
  /**
   * Called after a fault changes state: faults that act outside the service (the demo's `engine`) are
   * carried out by whoever owns that part.
   */
  onSwitch?: (name: FaultName, on: boolean) => void;
}

/** What the simulator has done so far. */
export interface SimulatorStats {
  running: boolean;
  /** Records per second. */
  rate: number;
  faults: FaultSet;
  /** Records produced, quality-fault duplicates included. */
  generated: number;
  failedPredictions: number;
  /** Records posted at least once; `acked` of them accepted (2xx), `rejected` refused for good (400/413/422). */
  sent: number;
  acked: number;
  rejected: number;
  /** Records dropped because the buffer was full; `buffered` still waiting. */
  dropped: number;
  buffered: number;
  posts: number;
  failedPosts: number;
  actualsSent: number;
  actualsPending: number;
  /** Actuals that by design never arrive. */
  actualsWithheld: number;
  actualsDropped: number;
  memoryBytes: number;
  /** The request queue now: waiting requests and the most it holds. */
  queueDepth: number;
  queueCapacity: number;
}

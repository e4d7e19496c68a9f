/**
 * The store writer: copies the event log into PostgreSQL off the ingest path. It reads the log after its
 * checkpoint, batches as the market-maker guide's metrics_config says, and writes each batch in one
 * transaction. PostgreSQL down or slow only makes it fall behind: the log is the buffer, and the backlog
 * drains when the server is back.
 *
 * It also yields to ingest: while the engine says ingest is under pressure, a write that is due waits (the log
 * holds the records; the writer reads no further ahead than it always does) until the oldest record waiting
 * is storage.yield_lag_seconds old, then goes out regardless, so the lag stays bounded. On a host where ingest
 * saturates the cores, every CPU-second PostgreSQL spends on a COPY comes out of ingest (bench/README.md,
 * "Where the time goes"), and clients wait on acknowledgements; the store is for analysis and may lag a little.
 */
import type pg from 'pg';
import type { LogTail, TailItem } from '../event-log/tail-reader.js';
import { type BatchPlan, checkpointOnly, planBatch } from './plan-batch.js';
import { backoffMs, isDataError, type StoreSettings, type StoreStatus } from './store-status.js';
import { type MetricRow, prepareSession, readCheckpoint, writeBatch } from './write-batch.js';

/** What the writer is given. */
export interface WriterDeps {
  tail: LogTail;
  source: string;
  settings: StoreSettings;
  /** A connected client with the schema migrated; throws when the server cannot be reached. */
  connect: () => Promise<pg.Client>;
  /** Creates the day partitions a batch needs (its own connection or this one, outside the batch). */
  ensureDays: (client: pg.Client, days: Set<string>) => Promise<void>;
  clock: () => number;
  say: (line: string) => void;
  /** The latest evaluation's figures; a new `at` is stored once. */
  figures?: () => { at: number; values: Record<string, number | null> } | null;
  /** True while ingest is busy enough that the store should defer to it (engine/ingest-pressure.ts). */
  underPressure?: () => boolean;
}

/** How often a deferred write looks again at the pressure and the lag: the drain starts this soon after. */
const YIELD_RECHECK_MS = 100;

/** A running writer. */
export interface StoreWriter {
  /** New log entries have settled: read and maybe write now. */
  nudge(): void;
  status(): StoreStatus;
  /** Stops after the write in flight (at most `waitMs`), and disconnects. */
  close(waitMs?: number): Promise<void>;
}

/** Starts the writer loop. */
export function startWriter(deps: WriterDeps): StoreWriter {
  const { tail, settings, clock, say } = deps;
  const st: StoreStatus = {
    state: 'connecting',
    since: clock(),
    error: null,
    lagRecords: 0,
    lagSeconds: 0,
    yielding: false,
    written: { predictions: 0, actuals: 0, metrics: 0 },
    duplicates: 0,
    skipped: { expired: 0, refused: 0 },
    failures: 0,
  };
  const startedAt = clock();
  let buffer: TailItem[] = [];
  let metrics: MetricRow[] = [];
  let client: pg.Client | null = null;
  let committed: string | null = null;
  let lastFigures = Number.NaN;
  let lastLogTs: number | null = null;
  let closed = false;
  let attempt = 0;
  let wake: ((byNudge?: boolean) => void) | null = null;
  // Set by nudge() and cleared before each read: an append that settles while the loop is busy (reading,
  // writing) is not lost, or the writer would sleep a whole collection interval with records waiting.
  let nudged = false;

  /** Waits `ms`; a nudge ends it early (or skips it) when `nudgeable`, close() always does. */
  const sleep = (ms: number, nudgeable = true) =>
    new Promise<void>((resolve) => {
      if (closed || (nudgeable && nudged)) return resolve();
      const t = setTimeout(resolve, ms);
      wake = (byNudge = false) => {
        if (byNudge && !nudgeable) return;
        clearTimeout(t);
        resolve();
      };
    }).finally(() => (wake = null));
  const setState = (state: StoreStatus['state'], error: string | null) => {
    if (state !== st.state) st.since = clock();
    st.state = state;
    st.error = error;
  };

  const connect = async () => {
    const c = await deps.connect();
    c.on('error', () => {}); // a broken connection also rejects the query in flight: handled there
    await prepareSession(c);
    const cp = await readCheckpoint(c, deps.source);
    const key = cp ? `${cp.segment}:${cp.offset}` : null;
    // Same checkpoint as we last committed: the buffer still follows it. Otherwise (first connect, a COMMIT
    // whose answer was lost, a restored database) read again from where the database says.
    if (!tail.ready || key !== committed) {
      buffer = [];
      await tail.seek(cp);
      committed = key;
    }
    client = c;
    if (st.state !== 'up') say(`store: connected; writing from ${key ?? 'the start of the event log'}`);
    setState('up', null);
    attempt = 0;
  };

  const collectFigures = () => {
    const f = deps.figures?.();
    if (!f || f.at === lastFigures) return;
    lastFigures = f.at;
    for (const [name, value] of Object.entries(f.values)) metrics.push({ at: f.at, name, value, labels: {} });
    // evaluation figures are not in the log: past the buffer, the oldest go
    if (metrics.length > settings.bufferSize) metrics = metrics.slice(-settings.bufferSize);
  };

  /** The receive time of the oldest entry or figure waiting for PostgreSQL; Infinity when none waits. */
  const oldestWaiting = () =>
    Math.min(buffer[0]?.ts ?? Number.POSITIVE_INFINITY, metrics[0]?.at ?? Number.POSITIVE_INFINITY);

  const due = (now: number) =>
    buffer.length >= settings.batchSize || now - oldestWaiting() >= settings.intervalMs;

  /**
   * How long a due write waits for ingest: 0 to write now. Only while ingest is under pressure, and only
   * until the oldest entry waiting is yieldLagMs old (it is then written whatever the pressure, and the next
   * ones as they reach that age: the lag stays near the budget, never past it for want of trying).
   */
  const holdMs = (now: number) => {
    if (settings.yieldLagMs <= 0 || !deps.underPressure?.()) return 0;
    const left = oldestWaiting() + settings.yieldLagMs - now;
    return Number.isFinite(left) && left > 0 ? Math.min(YIELD_RECHECK_MS, left) : 0;
  };

  const commit = async (c: pg.Client, plan: BatchPlan, items: number) => {
    await deps.ensureDays(c, plan.days);
    const out = await writeBatch(c, deps.source, plan.batch);
    st.written.predictions += out.inserted;
    st.written.actuals += out.actualsApplied;
    st.written.metrics += plan.batch.metrics.length;
    st.duplicates += out.duplicates;
    st.skipped.expired += plan.expired;
    const cp = plan.batch.checkpoint;
    if (cp) {
      committed = `${cp.position.segment}:${cp.position.offset}`;
      lastLogTs = cp.logTs;
    }
    buffer = buffer.slice(items);
  };

  const flush = async (c: pg.Client) => {
    const items = buffer.slice(0, settings.bufferSize);
    const batchMetrics = metrics;
    const plan = planBatch(items, batchMetrics, clock() - settings.retentionMs);
    try {
      await commit(c, plan, items.length);
      metrics = metrics.slice(batchMetrics.length);
    } catch (err) {
      if (!isDataError(err) || items.length === 0) throw err;
      await writeApart(c, items.length);
    }
  };

  /**
   * The first `n` buffered entries, which PostgreSQL refused together: one record it refuses must not stop the
   * store. Halves, each written on its own, down to single entries, so a batch with one bad record costs about
   * 2 log2(n) transactions, not n. A single entry is parsed in JS (the careful encoder: NUL dropped), and
   * skipped when it still fails, or when its line is not JSON at all.
   */
  const writeApart = async (c: pg.Client, n: number): Promise<void> => {
    const cutoff = clock() - settings.retentionMs;
    if (n === 1) {
      const item = buffer[0]!;
      let one: BatchPlan;
      try {
        one = planBatch([item], [], cutoff, { parse: true });
      } catch (e) {
        await refuse(c, planBatch([item], [], cutoff), e);
        return;
      }
      try {
        await commit(c, one, 1);
      } catch (e) {
        if (!isDataError(e)) throw e;
        await refuse(c, one, e);
      }
      return;
    }
    const first = Math.ceil(n / 2);
    for (const size of [first, n - first]) {
      try {
        await commit(c, planBatch(buffer.slice(0, size), [], cutoff), size);
      } catch (e) {
        if (!isDataError(e)) throw e;
        await writeApart(c, size);
      }
    }
  };

  const refuse = async (c: pg.Client, plan: BatchPlan, err: unknown) => {
    st.skipped.refused++;
    say(`store: a log entry could not be stored, skipped: ${(err as Error).message}`);
    await commit(c, checkpointOnly(plan), 1);
  };

  const loop = async () => {
    while (!closed) {
      try {
        if (!client) await connect();
        const c = client!;
        collectFigures();
        nudged = false;
        if (buffer.length < settings.bufferSize)
          buffer.push(...(await tail.read(settings.bufferSize - buffer.length)));
        if (due(clock())) {
          const hold = holdMs(clock());
          st.yielding = hold > 0;
          // not cut short by appends: under pressure they come all the time; close() still ends it
          if (hold > 0) await sleep(hold, false);
          else await flush(c);
          continue;
        }
        st.yielding = false;
        const oldest = buffer[0]?.ts ?? metrics[0]?.at;
        await sleep(
          oldest === undefined ? settings.intervalMs : Math.max(10, oldest + settings.intervalMs - clock()),
        );
      } catch (err) {
        if (closed) break;
        const message = err instanceof Error ? err.message : String(err);
        st.failures++;
        const c = client;
        client = null;
        await c?.end().catch(() => {});
        if (st.state !== 'down' || st.error !== message) {
          say(
            `store: PostgreSQL unavailable (${message}); ingest goes on, the backlog waits in the event log`,
          );
        }
        setState('down', message);
        st.yielding = false;
        // not cut short by appends: a down server gets one attempt per backoff, whatever the ingest rate
        await sleep(backoffMs(attempt++), false);
      }
    }
  };
  const running = loop();

  return {
    nudge: () => {
      nudged = true;
      wake?.(true);
    },
    status() {
      const now = clock();
      st.lagRecords = tail.ready ? tail.unread() + buffer.length : null;
      const oldest = buffer[0]?.ts;
      st.lagSeconds =
        oldest !== undefined
          ? Math.max(0, (now - oldest) / 1000)
          : st.lagRecords === 0
            ? 0
            : Math.max(0, (now - (lastLogTs ?? startedAt)) / 1000);
      return { ...st, written: { ...st.written }, skipped: { ...st.skipped } };
    },
    async close(waitMs = 2000) {
      closed = true;
      wake?.();
      await Promise.race([running, new Promise((r) => setTimeout(r, waitMs).unref())]);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

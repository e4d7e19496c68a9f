/** The simulator's two delivery channels to the engine: predictions (NDJSON) and, later, their actuals. */
import type { ActualSchedule } from './actual-schedule.js';
import { createDelivery, type Delivery } from './delivery.js';
import type { PostFn } from './post.js';
import type { TickLog } from './tick-log.js';
import type { Generated, SimActual } from './types.js';

/** What the channels share. */
export interface EngineChannelOptions {
  /** The engine's base URL without a trailing slash. */
  base: string;
  post: PostFn;
  now: () => number;
  random: () => number;
  /** Items each channel holds while the engine is away. */
  cap: number;
  /** Most records per predictions POST. */
  batchSize: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Where the actuals of accepted predictions wait for their time. */
  schedule: ActualSchedule;
  tickLog: TickLog;
}

/** The two channels, and how many actuals were withheld for good so far. */
export interface EngineChannels {
  predictions: Delivery<Generated>;
  actuals: Delivery<SimActual>;
  withheld(): number;
}

/**
 * Predictions go as NDJSON, the format the engine streams best. An actual is scheduled only once its
 * prediction was accepted: an actual for an id the engine never saw would be an orphan.
 */
export function createEngineChannels(opts: EngineChannelOptions): EngineChannels {
  let withheld = 0;
  const common = {
    post: opts.post,
    now: opts.now,
    random: opts.random,
    cap: opts.cap,
    retryBaseMs: opts.retryBaseMs,
    retryMaxMs: opts.retryMaxMs,
  };
  const predictions = createDelivery<Generated>({
    ...common,
    url: `${opts.base}/api/v1/predictions`,
    contentType: 'application/x-ndjson',
    encode: (items) => `${items.map((g) => JSON.stringify(g.record)).join('\n')}\n`,
    maxPerPost: opts.batchSize,
    onEvent: (e) => {
      opts.tickLog.delivery('/api/v1/predictions', e);
      if (e.kind !== 'accepted') return;
      // Failed predictions have nothing to score, so they get no actual.
      const scored = e.items.filter((g) => g.record.prediction !== undefined);
      withheld += opts.schedule.add(
        scored.map((g) => ({ id: g.record.id, actual: g.actual })),
        opts.now(),
      );
    },
  });
  const actuals = createDelivery<SimActual>({
    ...common,
    url: `${opts.base}/api/v1/actuals`,
    contentType: 'application/json',
    encode: (items) => JSON.stringify(items),
    maxPerPost: 5000,
    onEvent: (e) => opts.tickLog.delivery('/api/v1/actuals', e),
  });
  return { predictions, actuals, withheld: () => withheld };
}

/**
 * The demo service's request queue: requests arrive at the simulator's rate and a worker pool serves them at
 * its own rate. The `queue` fault hangs two of the three workers, so arrivals outrun service and the queue
 * fills (HighQueueUtilization); switched off, the pool drains it at the rate it outruns arrivals.
 */

/** Queue settings. */
export interface RequestQueueOptions {
  /** The most requests it holds. Default 200. */
  capacity?: number;
  /** Requests served per second by the healthy pool. Default 30: 1.5 times the demo's 20/s. */
  serviceRate?: number;
  /** The pool's share still serving while the `queue` fault is on. Default 1/3 (10/s of 30/s). */
  faultShare?: number;
}

/** The queue's state, advanced once a tick. */
export interface RequestQueue {
  /**
   * Adds `arrivals` requests, serves for `elapsedMs`, and returns the depth the tick's requests saw on
   * arrival (the backlog plus the tick's own requests, at most the capacity).
   */
  step(arrivals: number, elapsedMs: number, slowed: boolean): number;
  /** Requests waiting now. */
  depth(): number;
  readonly capacity: number;
}

/** A queue as a fluid model: depth' = arrivals - service, between 0 and the capacity. */
export function createRequestQueue(opts: RequestQueueOptions = {}): RequestQueue {
  const capacity = opts.capacity ?? 200;
  const serviceRate = opts.serviceRate ?? 30;
  const faultShare = opts.faultShare ?? 1 / 3;
  if (!(capacity > 0)) throw new RangeError(`capacity must be > 0, got ${capacity}`);
  let backlog = 0;
  return {
    step(arrivals, elapsedMs, slowed) {
      // Requests beyond the capacity are refused at the door (the client retries them later); the demo still
      // sends their records, so only the queue shows the saturation, not the error ratio.
      const seen = Math.min(capacity, backlog + arrivals);
      const served = ((slowed ? faultShare : 1) * serviceRate * elapsedMs) / 1000;
      backlog = Math.max(0, seen - served);
      return Math.round(seen);
    },
    depth: () => Math.round(backlog),
    capacity,
  };
}

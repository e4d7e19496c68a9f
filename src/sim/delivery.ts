/** One delivery channel to the engine: one POST at a time, retries with backoff, never throws. */
import { createOutbox, type Outbox } from './outbox.js';
import type { PostFn } from './post.js';

/** What happened to one POST, for the simulator's counters and log. */
export type DeliveryEvent<T> =
  | { kind: 'accepted'; items: T[]; status: number; ms: number; afterFailures: number }
  | { kind: 'retry'; items: T[]; status?: number; reason?: string; attempt: number; delayMs: number }
  | { kind: 'rejected'; items: T[]; status: number }
  | { kind: 'dropped'; count: number };

/** Channel settings. */
export interface DeliveryOptions<T> {
  url: string;
  contentType: string;
  encode: (items: readonly T[]) => string;
  post: PostFn;
  now: () => number;
  /** Random numbers in [0, 1) for jitter. */
  random: () => number;
  /** Items held while the engine is away; the oldest go first beyond this. */
  cap: number;
  /** Items per POST. */
  maxPerPost: number;
  retryBaseMs: number;
  retryMaxMs: number;
  onEvent: (event: DeliveryEvent<T>) => void;
}

/** Counters of one channel, in items unless named for posts. */
export interface DeliveryCounts {
  /** Items posted at least once. */
  sent: number;
  accepted: number;
  rejected: number;
  dropped: number;
  queued: number;
  posts: number;
  failedPosts: number;
  /** Consecutive failed posts; 0 once the engine answers. */
  failures: number;
}

/** A queue and its sender. */
export interface Delivery<T> {
  enqueue(items: readonly T[]): void;
  /** Posts what is queued unless a post is in flight or a retry is not yet due; resolves when idle. */
  pump(): Promise<void>;
  counts(): DeliveryCounts;
}

/**
 * 400, 413 and 422 say the body itself is wrong: resending it cannot help, so the batch is dropped
 * (413 first halves the batch size and retries, since a smaller body may fit). Any other answer, and
 * no answer at all, is retried: 5xx, 429 and 408 are transient, and 401/403 heal when the token is fixed.
 */
const PERMANENT = new Set([400, 413, 422]);

/** The retry delay: capped exponential backoff with "equal jitter" (M. Brooker, AWS Architecture Blog, 2015). */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random * step) / 2);
}

/** A delivery channel with its own outbox. */
export function createDelivery<T>(opts: DeliveryOptions<T>): Delivery<T> {
  // Each item carries whether it was posted before, for the `sent` count.
  const outbox: Outbox<{ item: T; tried: boolean }> = createOutbox(opts.cap);
  const c: Omit<DeliveryCounts, 'queued'> = {
    sent: 0,
    accepted: 0,
    rejected: 0,
    dropped: 0,
    posts: 0,
    failedPosts: 0,
    failures: 0,
  };
  let perPost = opts.maxPerPost;
  let busy: Promise<void> | undefined;
  let retryAt = 0;
  const dropped = (count: number) => {
    if (count <= 0) return;
    c.dropped += count;
    opts.onEvent({ kind: 'dropped', count });
  };

  async function sendOne(): Promise<boolean> {
    const taken = outbox.take(perPost);
    if (taken.length === 0) return false;
    for (const t of taken) {
      if (!t.tried) c.sent++;
      t.tried = true;
    }
    const items = taken.map((t) => t.item);
    const started = opts.now();
    c.posts++;
    let status = 0;
    let reason: string | undefined;
    try {
      status = (await opts.post(opts.url, opts.encode(items), opts.contentType)).status;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    if (status >= 200 && status < 300) {
      c.accepted += items.length;
      const afterFailures = c.failures;
      c.failures = 0;
      opts.onEvent({ kind: 'accepted', items, status, ms: opts.now() - started, afterFailures });
      return true;
    }
    c.failedPosts++;
    if (status === 413 && items.length > 1) {
      perPost = Math.max(1, Math.floor(items.length / 2));
      dropped(outbox.putBack(taken));
      return true;
    }
    if (PERMANENT.has(status)) {
      c.rejected += items.length;
      opts.onEvent({ kind: 'rejected', items, status });
      return true;
    }
    c.failures++;
    const delayMs = retryDelay(c.failures, opts.retryBaseMs, opts.retryMaxMs, opts.random());
    retryAt = opts.now() + delayMs;
    dropped(outbox.putBack(taken));
    const why = reason === undefined ? { status } : { reason };
    opts.onEvent({ kind: 'retry', items, ...why, attempt: c.failures, delayMs });
    return false;
  }

  async function drain(): Promise<void> {
    try {
      // Keep posting while there is a backlog: after an outage the queue empties at network speed.
      let more = true;
      while (more && opts.now() >= retryAt) more = await sendOne();
    } finally {
      busy = undefined;
    }
  }

  return {
    enqueue: (items) => dropped(outbox.push(items.map((item) => ({ item, tried: false })))),
    pump() {
      if (!busy && outbox.size > 0 && opts.now() >= retryAt) busy = drain();
      return busy ?? Promise.resolve();
    },
    counts: () => ({ ...c, queued: outbox.size }),
  };
}

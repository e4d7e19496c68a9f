/** Retry delays: capped exponential backoff with "equal jitter". */

/** Backoff tunables, in ms. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); Math.random by default. Injected so tests are deterministic. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (1 = after the first failure): half of the capped
 * exponential step, plus a random share of the other half ("equal jitter", M. Brooker,
 * "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). Jitter spreads the retries of
 * several notifiers that failed together; keeping half fixed means a retry never comes at once.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const exponent = Math.max(0, attempt - 1);
  const step = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max((opts.random ?? Math.random)(), 0), 1);
  return step / 2 + (r * step) / 2;
}

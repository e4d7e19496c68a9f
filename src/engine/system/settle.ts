/** Bounded, single-flight calls to the outside: a slow or failing source yields null, never a throw. */

/** A source call that resolves to null on failure or timeout instead of rejecting or hanging. */
export type Settled<T> = () => Promise<T | null>;

/**
 * Wraps `fn` so each call settles within `timeoutMs` (null on timeout or error) and at most one underlying
 * call is in flight: while an earlier call still hangs past its timeout, later callers wait on that same call
 * rather than starting another. A hung `df` or `nvidia-smi` must not become one stuck child process per sample.
 */
export function settled<T>(fn: () => Promise<T>, timeoutMs: number): Settled<T> {
  let inflight: Promise<T> | null = null;
  return () => {
    if (inflight === null) {
      const call = Promise.resolve()
        .then(fn) // a synchronous throw in fn becomes a rejection here
        .finally(() => {
          if (inflight === call) inflight = null;
        });
      inflight = call;
    }
    return bounded(inflight, timeoutMs);
  };
}

/** Resolves to `p`'s value, or null when `p` rejects or takes longer than `timeoutMs`. */
export function bounded<T>(p: Promise<T>, timeoutMs: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref(); // a pending sample must not keep the process alive at shutdown
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

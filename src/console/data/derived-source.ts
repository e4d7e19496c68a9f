/**
 * A poller seen through a derivation, as the views subscribe to it (useSyncExternalStore): the derived
 * state is computed once per poller snapshot, so the same object comes back until something changed.
 */
import type { Poller, PollerSnapshot } from '../../sources/index.js';

/** The subscribable face of a poller: its derived state, listeners, start and stop. */
export interface DerivedSource<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
}

/** `poller` with `derive` applied once per snapshot. */
export function derivedSource<T, S>(
  poller: Poller<T>,
  derive: (s: PollerSnapshot<T>) => S,
): DerivedSource<S> {
  let state = derive(poller.snapshot());
  const listeners = new Set<() => void>();
  poller.subscribe((s) => {
    state = derive(s);
    for (const l of listeners) l();
  });
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => poller.start(),
    stop: () => poller.stop(),
  };
}

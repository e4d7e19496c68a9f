/** Subscribes a component to any small store with subscribe/getState (the runbook deck, a walkthrough). */
import { useSyncExternalStore } from 'react';

/** A store the hook can follow. */
export interface Subscribable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

const NOTHING: Subscribable<null> = { getState: () => null, subscribe: () => () => {} };

/** The store's current state (null without a store); re-renders when it changes. */
export function useSource<S>(source: Subscribable<S> | null | undefined): S | null {
  const s: Subscribable<S | null> = source ?? NOTHING;
  return useSyncExternalStore(s.subscribe, s.getState);
}

/** Subscribes a component to any small store with subscribe/getState (the runbook deck, a walkthrough). */
import { useSyncExternalStore } from 'react';

/** A store the hook can follow. */
export interface Subscribable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/** The store's current state; re-renders when it changes. */
export function useSource<S>(source: Subscribable<S>): S {
  return useSyncExternalStore(source.subscribe, source.getState);
}

/** Subscribes a component to one slice of the console store; it re-renders only when that slice changes. */
import { useSyncExternalStore } from 'react';
import type { ConsoleState, ConsoleStore } from '../store.js';

/** The selected slice; `select` must return a field of the state (a stable reference), not a new object. */
export function useStore<T>(store: ConsoleStore, select: (s: ConsoleState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/**
 * Hands the terminal's focus reports (CSI I / CSI O, focus.ts) to the store. They arrive on stdin like
 * keys: the returned function says whether the input useInput is handling now is one, so it is not a key.
 */
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { focusReport } from '../focus.js';
import type { ConsoleStore } from '../store.js';

/** Subscribes `store` to focus reports; returns true while the current input event is one. */
export function useFocusReports(store: ConsoleStore): () => boolean {
  const { internal_eventEmitter: events } = useStdin();
  const last = useRef<boolean | null>(null);
  useEffect(() => {
    // registered once, so it runs before useInput's listener (re-registered on renders) for each input
    const onInput = (raw: string) => {
      last.current = focusReport(raw);
      if (last.current !== null) store.setFocused(last.current);
    };
    events.on('input', onInput);
    return () => void events.off('input', onInput);
  }, [events, store]);
  return () => last.current !== null;
}

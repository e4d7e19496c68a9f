/**
 * The console's slower polls (the silences, the history, the dependencies) tick at multiples of the
 * refresh, on its beat (sources/poller.ts onBeat), so the process wakes once a refresh (issue 16). When
 * `+`/`-` change the refresh they are timed again, to the same multiples of the new one: timed once at
 * the start, the silences' 6 s under a 5 s refresh woke the process on their own.
 */
import { onBeat } from '../../sources/index.js';

/** A slower poll: its interval setter and the least interval it wants (ms). */
export interface SlowerPoll {
  poll: { setInterval(ms: number): void };
  atLeastMs: number;
}

/** Keeps `slower` on the store's refresh from now on; the returned function stops that. */
export function keepOnBeat(
  store: { getState(): { intervalMs: number }; subscribe(listener: () => void): () => void },
  slower: readonly SlowerPoll[],
): () => void {
  let beatMs = store.getState().intervalMs;
  return store.subscribe(() => {
    const ms = store.getState().intervalMs;
    if (ms === beatMs) return;
    beatMs = ms;
    for (const s of slower) s.poll.setInterval(onBeat(ms, s.atLeastMs));
  });
}

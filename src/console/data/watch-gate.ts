/**
 * A side source (the Silences, the History) polls only while it is both started and watched. run.tsx
 * starts and stops it with the console (stopped while paused or unfocused); the app watches it while
 * something on screen reads it. Each request nobody reads costs the host CPU (issue 16). Starting polls
 * at once, so a view opened later fills in fresh; until then it shows nothing fetched before (`fresh`):
 * an answer from an earlier watch may be hours old, and must not read as current.
 */

/** The source's own switch. */
export interface Switchable {
  start(): void;
  stop(): void;
}

/** The switch behind the gate, and `watch`: something on screen reads it until the returned call. */
export interface WatchGate extends Switchable {
  watch(): () => void;
  /** Whether an answer fetched at `fetchedAt` (epoch ms, on the gate's clock) is from the present watch. */
  fresh(fetchedAt: number | null): boolean;
}

/**
 * `source` behind the gate: polling exactly while started and watched at least once. `now` is the clock
 * the source stamps its answers with.
 */
export function watchGate(source: Switchable, now: () => number = Date.now): WatchGate {
  let started = false;
  let watchers = 0;
  let polling = false;
  // epoch ms polling last began; nothing is fresh before the first watch
  let since = Number.POSITIVE_INFINITY;
  const apply = () => {
    const want = started && watchers > 0;
    if (want === polling) return;
    polling = want;
    if (want) since = now();
    want ? source.start() : source.stop();
  };
  return {
    fresh: (fetchedAt) => fetchedAt !== null && fetchedAt >= since,
    start: () => {
      started = true;
      apply();
    },
    stop: () => {
      started = false;
      apply();
    },
    watch: () => {
      watchers++;
      apply();
      let done = false;
      return () => {
        if (done) return; // twice is once
        done = true;
        watchers--;
        apply();
      };
    },
  };
}

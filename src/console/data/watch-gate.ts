/**
 * A side source (the Silences, the History) polls only while it is both started and watched. run.tsx
 * starts and stops it with the console (stopped while paused or unfocused); the app watches it while
 * something on screen reads it. Each request nobody reads costs the host CPU (issue 16). Starting polls
 * at once, so a view opened later fills in fresh.
 */

/** The source's own switch. */
export interface Switchable {
  start(): void;
  stop(): void;
}

/** The switch behind the gate, and `watch`: something on screen reads it until the returned call. */
export interface WatchGate extends Switchable {
  watch(): () => void;
}

/** `source` behind the gate: polling exactly while started and watched at least once. */
export function watchGate(source: Switchable): WatchGate {
  let started = false;
  let watchers = 0;
  let polling = false;
  const apply = () => {
    const want = started && watchers > 0;
    if (want === polling) return;
    polling = want;
    want ? source.start() : source.stop();
  };
  return {
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

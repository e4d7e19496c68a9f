/**
 * One redraw a refresh. Each source's poller re-arms after its own fetch, so the four answers of a refresh
 * drift apart and would each cost a full Ink frame (about 40 ms of CPU at 120x40, under load): data
 * changes reach the listeners at most once per interval; urgent ones (keys) and those before every source
 * has answered once go at once. The clock and timers are passed in, so tests step a fake clock.
 */
import type { Timers } from '../sources/index.js';

/** What the coalescer drives. */
export interface CoalescerOptions {
  timers: Timers;
  /** The refresh interval now (it changes with `+`/`-`). */
  intervalMs: () => number;
  /** False until every source has answered once: until then every change shows at once. */
  settled: () => boolean;
  /** Shows the change (computes the state and tells the listeners). */
  notify: () => void;
  /** Off: every change notifies at once (tests of single frames, `mmops status`). */
  enabled: boolean;
}

/** A running coalescer. */
export interface Coalescer {
  /** A change: shown now (urgent, first answers, a quiet interval) or at the end of the interval. */
  change(urgent?: boolean): void;
  /** Shows a held-back change now (after `r`: the operator is waiting for it). */
  flush(): void;
  /** Drops the timer of a held-back change. */
  cancel(): void;
}

/** Creates the coalescer. */
export function createCoalescer(o: CoalescerOptions): Coalescer {
  let lastNotify = Number.NEGATIVE_INFINITY;
  let pending: unknown = null;
  // Whether the last frame shown had every source's first answer. Asked at the change instead, the answer
  // that completes the round would already count as settled and wait out the interval: the last source to
  // answer first showed 2 s late (first live data at 2.6 s in one start of three, bench/console.mjs).
  let shownSettled = false;
  const cancel = () => {
    if (pending !== null) o.timers.clearTimeout(pending);
    pending = null;
  };
  const fire = () => {
    cancel();
    lastNotify = o.timers.now();
    shownSettled = o.settled();
    o.notify();
  };
  return {
    change(urgent = false) {
      if (!o.enabled || urgent || !shownSettled) return fire();
      if (pending !== null) return;
      const wait = lastNotify + o.intervalMs() - o.timers.now();
      if (wait <= 0) return fire();
      pending = o.timers.setTimeout(fire, wait);
    },
    flush() {
      if (pending !== null) fire();
    },
    cancel,
  };
}

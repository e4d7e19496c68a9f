/**
 * One redraw a refresh. The sources' pollers tick on one beat (poller.ts, phaseMs), so a refresh's answers
 * arrive within a few ms of each other: a change is held while another source's answer is still on its way
 * and shown with the last one, in the same wakeup (a frame costs ~40 ms of CPU at 120x40 under load, and
 * every extra wakeup of an idle process costs as much as the requests it makes: bench/README.md, seventh
 * session). Frames from data are at least half an interval apart (a source off the beat, backing off after
 * failures, does not add its own); urgent ones (keys) and those before every source has answered once go at
 * once. The clock and timers are passed in, so tests step a fake clock.
 */
import type { Timers } from '../sources/index.js';

/** What the coalescer drives. */
export interface CoalescerOptions {
  timers: Timers;
  /** The refresh interval now (it changes with `+`/`-`). */
  intervalMs: () => number;
  /** False until every source has answered once: until then every change shows at once. */
  settled: () => boolean;
  /** True while a source's answer asked less than `withinMs` ago is on its way: a change then waits for it. */
  busy?: (withinMs: number) => boolean;
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
  // a change held back for a busy source (no timer: the source's answer shows it)
  let held = false;
  const cancel = () => {
    if (pending !== null) o.timers.clearTimeout(pending);
    pending = null;
    held = false;
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
      const half = o.intervalMs() / 2;
      // Another answer of this refresh, asked under half an interval ago, is on its way: it shows this
      // change too. A source asked longer ago (hung until its timeout) holds nothing: the next change shows
      // what was held. No timer for this: Node wakes the process at a cleared timer's time all the same (its
      // one libuv timer is not moved back), so a cap armed and cleared every refresh cost a wakeup a refresh.
      if (o.busy?.(half)) {
        held = true;
        return;
      }
      const wait = lastNotify + half - o.timers.now();
      if (wait <= 0) return fire();
      pending ??= o.timers.setTimeout(fire, wait);
    },
    flush() {
      if (pending !== null || held) fire();
    },
    cancel,
  };
}

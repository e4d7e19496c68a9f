/** Ground truth that becomes known later: actuals held until their due time, a few never released. */
import type { Rng } from './rng.js';
import type { SimActual } from './types.js';

/** How late actuals arrive and how many never do. */
export interface ActualScheduleOptions {
  /** A fixed delay, or [min, max] for a uniform one, in ms. */
  delayMs: number | readonly [number, number];
  /** The share of actuals that never arrive (a lost fill, a cancelled order). */
  lossRatio: number;
  /** The most actuals held; the oldest are dropped beyond it. */
  cap: number;
  rng: Rng;
}

/** Actuals waiting for their time. */
export interface ActualSchedule {
  /** Holds the actuals of one accepted batch until `now` + a delay; returns how many were withheld for good. */
  add(actuals: readonly SimActual[], now: number): number;
  /** Removes and returns the actuals due at `now`. */
  takeDue(now: number): SimActual[];
  readonly size: number;
  /** Actuals dropped because the schedule was full. */
  readonly dropped: number;
}

/** An empty schedule. */
export function createActualSchedule(opts: ActualScheduleOptions): ActualSchedule {
  // Groups sorted by due time; a batch's actuals share one due time, as a bar closes for all at once.
  const groups: { due: number; actuals: SimActual[] }[] = [];
  let size = 0;
  let dropped = 0;
  const [lo, hi] = typeof opts.delayMs === 'number' ? [opts.delayMs, opts.delayMs] : opts.delayMs;
  return {
    add(actuals, now) {
      const kept = actuals.filter(() => !opts.rng.chance(opts.lossRatio));
      const due = now + lo + opts.rng.next() * (hi - lo);
      if (kept.length > 0) {
        let i = groups.length;
        while (i > 0 && groups[i - 1]!.due > due) i--;
        groups.splice(i, 0, { due, actuals: kept });
        size += kept.length;
      }
      while (size > opts.cap && groups.length > 0) {
        const oldest = groups[0]!;
        const over = Math.min(size - opts.cap, oldest.actuals.length);
        oldest.actuals.splice(0, over);
        size -= over;
        dropped += over;
        if (oldest.actuals.length === 0) groups.shift();
      }
      return actuals.length - kept.length;
    },
    takeDue(now) {
      const out: SimActual[] = [];
      while (groups.length > 0 && groups[0]!.due <= now) out.push(...groups.shift()!.actuals);
      size -= out.length;
      return out;
    },
    get size() {
      return size;
    },
    get dropped() {
      return dropped;
    },
  };
}

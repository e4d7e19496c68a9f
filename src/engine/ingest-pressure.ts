/**
 * How busy the ingest path has been lately: the share of recent time with at least one ingest request in
 * flight, as an exponentially damped average of that 0/1 signal (the way Linux damps its load average,
 * kernel/sched/loadavg.c). The prediction store reads it to stay out of ingest's way on a saturated host.
 *
 * Why this measure and not records/s against the best the host has shown: a best rate has to be learnt, and
 * it moves with the batch size, the record's shape and whatever else runs on the host, so a fixed share of
 * it misjudges both a slow host and a fast one. "A request was in flight" needs no calibration: near 1 when
 * clients are waiting on acknowledgements back to back (they would send more if ingest answered sooner, so
 * any CPU taken from it costs them), and small for a steady stream that ingest keeps up with (5,000 records/s
 * in batches of 1,000 is 5 requests of ~10 ms a second here: at most 0.06; at most 0.29 were each request 5x
 * slower on a loaded host). It costs one exp() per request start and end.
 */

/** The damping time constant: the average weighs the last ~1 s (86 % of its weight is within 2 tau). */
export const PRESSURE_TAU_MS = 500;
/**
 * At or above this busy share ingest is under pressure. From idle, full-speed ingest reaches it after
 * tau ln 2 (~0.35 s); when it stops, the average falls below it as fast, and the store drains.
 */
export const PRESSURE_BUSY_SHARE = 0.5;

/** Counts ingest requests in and out, and says how busy ingest has been. */
export interface IngestPressure {
  /** An ingest request starts. */
  enter(): void;
  /** It ends (answered, refused or failed). */
  leave(): void;
  /** The damped share of time with >= 1 request in flight, 0 to 1. */
  busyShare(): number;
  /** True while busyShare() >= PRESSURE_BUSY_SHARE. */
  underPressure(): boolean;
}

/** A meter on `now` (a monotonic clock in ms: performance.now; a wall clock that steps would skew it). */
export function createIngestPressure(now: () => number, tauMs = PRESSURE_TAU_MS): IngestPressure {
  let inFlight = 0;
  let share = 0;
  let at = now();
  // Moves the average to `t`: over dt the 0/1 signal held its value, so share decays towards it by e^(-dt/tau).
  const advance = () => {
    const t = now();
    const dt = t - at;
    if (dt <= 0) return;
    const keep = Math.exp(-dt / tauMs);
    share = share * keep + (inFlight > 0 ? 1 - keep : 0);
    at = t;
  };
  const busyShare = () => {
    advance();
    return share;
  };
  return {
    enter() {
      advance();
      inFlight++;
    },
    leave() {
      advance();
      inFlight = Math.max(0, inFlight - 1);
    },
    busyShare,
    underPressure: () => busyShare() >= PRESSURE_BUSY_SHARE,
  };
}

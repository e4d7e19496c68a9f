/** The memory fault: a buffer the process grows step by step up to a cap, and lets go when the fault is off. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection now. Dropped chunks are freed only when a major GC finds them, which a quiet
 * process may not run for minutes: the memory alert would outlive its fault. Measured (Node 20): 240 MiB of
 * dropped chunks, RSS 282 MiB before, 43 MiB half a second after this. The flag is set only to fetch gc().
 */
function collectNow(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}

/** Growth settings, in bytes. */
export interface BallastOptions {
  /** The most the ballast holds. Default 200 MiB. */
  capBytes?: number;
  /** Added per grow() call (one simulator tick). Default 8 MiB: the cap is reached in about 6 s at 4 ticks/s. */
  stepBytes?: number;
}

/** Memory held on purpose. */
export interface MemoryBallast {
  /** Adds one step, up to the cap; returns the bytes now held. */
  grow(): number;
  /** Drops every chunk so the garbage collector can return the memory. */
  release(): void;
  /** Bytes held. */
  bytes(): number;
  readonly capBytes: number;
}

/** A ballast of separate chunks: big single allocations fail on small hosts, and chunks free gradually. */
export function createMemoryBallast(opts: BallastOptions = {}): MemoryBallast {
  const cap = opts.capBytes ?? 200 * 1024 * 1024;
  const step = opts.stepBytes ?? 8 * 1024 * 1024;
  let chunks: Buffer[] = [];
  let held = 0;
  return {
    grow() {
      const size = Math.min(step, cap - held);
      if (size <= 0) return held;
      // allocUnsafe plus fill touches every page, so the memory is resident (RSS), not just reserved.
      const chunk = Buffer.allocUnsafe(size).fill(0xa5);
      chunks.push(chunk);
      held += size;
      return held;
    },
    release() {
      const had = held > 0;
      chunks = [];
      held = 0;
      if (had) collectNow();
    },
    bytes: () => held,
    capBytes: cap,
  };
}

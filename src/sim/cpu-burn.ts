/**
 * The cpu fault: worker threads that spin until the fault is switched off. Threads, not the event loop, so
 * the demo service keeps serving (and the engine in the same process keeps evaluating) while they burn.
 */
import { Worker } from 'node:worker_threads';

/** The burner's switch. */
export interface CpuBurn {
  /** Starts `threads` spinning threads unless they run already. */
  start(): void;
  /** Ends them; resolves once they are gone. */
  stop(): Promise<void>;
  running(): boolean;
  readonly threads: number;
}

// A busy loop with nothing to optimise away; terminate() interrupts it (V8 checks for termination in loops).
const SPIN = 'let x = 0; for (;;) { x = (x * 1103515245 + 12345) % 2147483648; }';

/** A burner of `threads` threads (default 2: both cores of a small host, or 2 of a CPU budget). */
export function createCpuBurn(threads = 2): CpuBurn {
  let workers: Worker[] = [];
  return {
    start() {
      if (workers.length > 0) return;
      workers = Array.from({ length: threads }, () => {
        const w = new Worker(SPIN, { eval: true });
        w.unref(); // a burner alone never keeps the process up
        return w;
      });
    },
    async stop() {
      const ending = workers;
      workers = [];
      await Promise.all(ending.map((w) => w.terminate()));
    },
    running: () => workers.length > 0,
    threads,
  };
}

/**
 * Resources judged against a budget instead of the host: this process's resident memory against
 * system.memory_budget_bytes, and its CPU time against system.cpu_budget_cores. The demo sets them (its
 * model service runs in the engine's process) so that its memory and cpu faults cross the levels on any
 * host, busy or idle, 2 GiB or 256 GiB; it cannot put itself in a cgroup of its own. Unset, the host is judged.
 */
import { clampRatio } from './disk.js';

/** The budgets; null leaves that resource to the host's figures. */
export interface Budget {
  memoryBytes: number | null;
  cpuCores: number | null;
}

/** What the budget reader measures; process.* by default. */
export interface BudgetSources {
  /** Resident set size, bytes. */
  rss?: () => number;
  /** CPU time used by the process (every thread), microseconds. */
  cpuMicros?: () => number;
  /** Wall clock, ms. */
  now?: () => number;
}

/** Ratios against the budget; cpu is the share used since the previous call (null on the first). */
export interface BudgetReader {
  memoryRatio(): number | null;
  cpuRatio(): number | null;
}

/** A reader for `budget`. Ratios are clamped to 0-1 as every utilization metric: over budget reads 100 %. */
export function createBudgetReader(budget: Budget, sources: BudgetSources = {}): BudgetReader {
  const rss = sources.rss ?? (() => process.memoryUsage.rss());
  const cpuMicros =
    sources.cpuMicros ??
    (() => {
      const u = process.cpuUsage();
      return u.user + u.system;
    });
  const now = sources.now ?? Date.now;
  let last = { at: now(), micros: cpuMicros() };
  return {
    memoryRatio: () => (budget.memoryBytes === null ? null : clampRatio(rss() / budget.memoryBytes)),
    cpuRatio() {
      if (budget.cpuCores === null) return null;
      const at = now();
      const micros = cpuMicros();
      const wallMs = at - last.at;
      const used = micros - last.micros;
      last = { at, micros };
      // used µs over wall ms x 1000 x cores: 1.0 = every budgeted core busy for the whole interval
      return wallMs > 0 ? clampRatio(used / (wallMs * 1000 * budget.cpuCores)) : null;
    },
  };
}

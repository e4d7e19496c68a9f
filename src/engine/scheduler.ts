/**
 * The engine's one ticker. Each task runs on its own interval; a tick is skipped while the task's previous
 * run is still going (k9s' refresh loop), and a failing run is reported, never thrown into the timer.
 */

/** One periodic job. */
export interface Task {
  name: string;
  intervalMs: number;
  run: () => Promise<void>;
}

/** Starts, stops and runs tasks on demand. */
export interface Scheduler {
  start(): void;
  /** Runs `name` now (after its in-flight run, if any) and resolves when it is done; rejects on failure. */
  runNow(name: string): Promise<void>;
  /** Stops the timers and waits for runs in flight. */
  stop(): Promise<void>;
}

/** Creates the scheduler; `onError` hears about every failed timed run. */
export function createScheduler(
  tasks: readonly Task[],
  onError: (task: string, err: unknown) => void,
): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  const byName = new Map(tasks.map((t) => [t.name, t]));

  const launch = (task: Task): Promise<void> => {
    const p = task.run().finally(() => {
      if (running.get(task.name) === p) running.delete(task.name);
    });
    running.set(task.name, p);
    return p;
  };

  return {
    start() {
      for (const task of tasks) {
        const timer = setInterval(() => {
          if (running.has(task.name)) return; // the previous run is still going: skip this tick
          launch(task).catch((err) => onError(task.name, err));
        }, task.intervalMs);
        timers.push(timer);
      }
    },
    async runNow(name) {
      const task = byName.get(name);
      if (!task) throw new Error(`no task ${name}`);
      await running.get(name)?.catch(() => undefined);
      await launch(task);
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.all([...running.values()].map((p) => p.catch(() => undefined)));
    },
  };
}

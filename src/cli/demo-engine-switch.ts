/**
 * The demo's `engine` fault: stops the engine (Prometheus sees its target down: EngineDown) and starts it
 * again, on the same port and data dir, when the fault is switched off. The simulator keeps its records
 * meanwhile and sends them once the engine is back, as a real model service's outbox would.
 */
import type { RunningEngine } from '../engine/index.js';

/** The demo's engine, which the `engine` fault can take down and bring back. */
export interface EngineSwitch {
  /** The engine now; null while the fault holds it down. */
  current(): RunningEngine | null;
  /** Stops or restarts it; calls run one after another, and a repeated state does nothing. */
  set(down: boolean): Promise<void>;
  /** Waits for a switch in progress (before the demo closes the engine itself). */
  settled(): Promise<void>;
}

/** A switch over `first`; `restart` starts a new engine with the same port and data dir. */
export function createEngineSwitch(
  first: RunningEngine,
  restart: () => Promise<RunningEngine>,
  say: (line: string) => void,
): EngineSwitch {
  let engine: RunningEngine | null = first;
  let chain: Promise<void> = Promise.resolve();
  const step = async (down: boolean) => {
    if (down && engine) {
      const e = engine;
      engine = null;
      await e.close(500);
      say('demo: engine stopped (fault engine on): Prometheus scrapes fail until it is switched off');
    } else if (!down && !engine) {
      engine = await restart();
      say(`demo: engine started again on ${engine.url} (fault engine off)`);
    }
  };
  return {
    current: () => engine,
    set(down) {
      chain = chain.then(() =>
        step(down).catch((err) => say(`demo: error: engine ${down ? 'stop' : 'restart'}: ${String(err)}`)),
      );
      return chain;
    },
    settled: () => chain,
  };
}

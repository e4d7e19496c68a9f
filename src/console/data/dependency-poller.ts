/**
 * Polls the configured dependencies the header lists beside its own sources (Grafana, MLflow, the model
 * service, its model loading, the database) with the checks `mmops diag health` makes, through the one
 * poller (sources/poller.ts). Null when none of them is configured: nothing to poll, nothing to show.
 */
import type { Config } from '../../config/index.js';
import {
  checkDependency,
  configuredDependencies,
  createPoller,
  type DependencyCheck,
  type DependencyName,
  onBeat,
  type Poller,
} from '../../sources/index.js';
import { EXTRA_DEPENDENCIES } from '../components/dependency-line.js';

/** The poller and the names it checks. */
export interface DependencyPoller {
  names: DependencyName[];
  poller: Poller<DependencyCheck[]>;
}

/** The least interval between two dependency checks, ms: health checks, not data. */
export const DEPENDENCIES_EVERY_MS = 10_000;

/** A poller of the configured extra dependencies every `intervalMs` (at least DEPENDENCIES_EVERY_MS). */
export function dependencyPoller(
  config: Config,
  intervalMs: number,
  phaseMs?: number,
): DependencyPoller | null {
  const deps = configuredDependencies(config).filter((d) => EXTRA_DEPENDENCIES.includes(d.name));
  if (deps.length === 0) return null;
  const timeoutMs = config.sources.timeout_seconds * 1000;
  const poller = createPoller<DependencyCheck[]>({
    // a multiple of the refresh, on its beat (poller.ts): no wakeup of its own
    intervalMs: onBeat(intervalMs, DEPENDENCIES_EVERY_MS),
    phaseMs,
    // every check resolves (an unreachable dependency is a verdict, not a failed poll)
    fetch: async () => ({
      ok: true,
      data: await Promise.all(deps.map((d) => checkDependency(d, timeoutMs))),
      fetchedAt: Date.now(),
    }),
    // `ms` changes every time; only the verdicts should re-render the header
    equals: (a, b) => JSON.stringify(a.map((c) => c.state)) === JSON.stringify(b.map((c) => c.state)),
  });
  return { names: deps.map((d) => d.name), poller };
}

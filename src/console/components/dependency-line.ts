/**
 * The dependencies the header lists beside its own sources (issue 12, point 1): Grafana, MLflow, the model
 * service, its model loading and the database, each configured one with its state, in a form that fits 80
 * columns; and the URLs in use for the help, with where each came from (issue 12, point 7). Pure.
 */
import type { DependencyCheck, DependencyName } from '../../sources/index.js';
import type { PanelState } from '../panels/state.js';
import type { Segment } from './header-line.js';

/** The dependencies the header shows here: the engine, Prometheus and Alertmanager have segments of their own. */
export const EXTRA_DEPENDENCIES: readonly DependencyName[] = [
  'grafana',
  'mlflow',
  'model_service',
  'model_loading',
  'database',
];

const NAME: Record<string, { full: string; compact: string }> = {
  grafana: { full: 'grafana', compact: 'graf' },
  mlflow: { full: 'mlflow', compact: 'mlf' },
  model_service: { full: 'model', compact: 'svc' },
  model_loading: { full: 'loading', compact: 'load' },
  database: { full: 'db', compact: 'db' },
};
const MARK: Record<DependencyCheck['state'], string> = { healthy: '✔', unhealthy: '▲', unreachable: '✖' };
const STATE: Record<DependencyCheck['state'], PanelState> = {
  healthy: 'ok',
  unhealthy: 'warning',
  unreachable: 'critical',
};
const RANK: Record<PanelState, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/**
 * `grafana ✔  db ✖` (or compact `graf✔ db✖`) for the configured extra dependencies, coloured by the worst;
 * `?` until the first check. Null when none is configured.
 */
export function dependencySegment(
  configured: readonly DependencyName[],
  checks: readonly DependencyCheck[] | null,
  compact = false,
): Segment | null {
  const names = EXTRA_DEPENDENCIES.filter((n) => configured.includes(n));
  if (names.length === 0) return null;
  let worst: PanelState = 'ok';
  const parts = names.map((n) => {
    const c = checks?.find((x) => x.service === n);
    const state: PanelState = c ? STATE[c.state] : 'unknown';
    if (RANK[state] > RANK[worst]) worst = state;
    const mark = c ? MARK[c.state] : '?';
    return compact ? `${NAME[n]!.compact}${mark}` : `${NAME[n]!.full} ${mark}`;
  });
  return { text: parts.join(compact ? ' ' : '  '), state: worst };
}

/** A URL the console uses, and whether the running demo's state file gave it. */
export interface EndpointInUse {
  name: string;
  url: string;
  /** The demo state file the URL came from; absent when config, a variable or a flag set it. */
  demoStateFile?: string;
}

/** The help's lines: `engine        http://127.0.0.1:8000  (from the running demo)`, then the file named once. */
export function endpointHelpLines(endpoints: readonly EndpointInUse[]): string[] {
  if (endpoints.length === 0) return [];
  const width = Math.max(...endpoints.map((e) => e.name.length));
  const lines = endpoints.map(
    (e) => `  ${e.name.padEnd(width)}  ${e.url}${e.demoStateFile ? '  (from the running demo)' : ''}`,
  );
  const file = endpoints.find((e) => e.demoStateFile)?.demoStateFile;
  return ['URLs in use', ...lines, ...(file ? [`  (the running demo's: ${file})`] : [])];
}

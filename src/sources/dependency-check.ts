/**
 * Checks one configured dependency: the guide's check_service_health (GET its health URL within the
 * timeout, 2xx = healthy), the engine's /health with its failing checks, Prometheus' scrape targets, and a
 * PostgreSQL handshake for the database.
 */
import type { Dependency, DependencyName } from './dependencies.js';
import { createEngineClient } from './engine.js';
import { pingPostgres } from './postgres-ping.js';
import { probe } from './probe.js';
import { createPrometheusClient } from './prometheus.js';

/** healthy: answered well; unhealthy: answered with a problem; unreachable: did not answer. */
export type DependencyState = 'healthy' | 'unhealthy' | 'unreachable';

/** One dependency's verdict. */
export interface DependencyCheck {
  service: DependencyName;
  url: string;
  state: DependencyState;
  /** What was seen: "HTTP 200", the failing engine checks, or why it did not answer. */
  detail: string;
  ms: number | null;
}

/** Checks `dep` within `timeoutMs`. */
export async function checkDependency(dep: Dependency, timeoutMs: number): Promise<DependencyCheck> {
  const base = { service: dep.name, url: dep.url };
  if (dep.kind === 'postgres') {
    const r = await pingPostgres(dep.checkUrl, timeoutMs);
    if (!r.ok) return { ...base, state: 'unreachable', detail: r.error, ms: null };
    return { ...base, state: 'healthy', detail: 'PostgreSQL answers', ms: r.data.ms };
  }
  if (dep.kind === 'engine') return engineCheck(dep, timeoutMs);
  const r = await probe(dep.checkUrl, timeoutMs);
  if (!r.ok) return { ...base, state: 'unreachable', detail: r.error, ms: null };
  const check: DependencyCheck = {
    ...base,
    state: r.data.healthy ? 'healthy' : 'unhealthy',
    detail: `HTTP ${r.data.status}${r.data.healthy ? '' : ` from ${dep.checkUrl}`}`,
    ms: r.data.ms,
  };
  if (dep.name === 'prometheus' && check.state === 'healthy') await targetsCheck(check, timeoutMs);
  return check;
}

async function engineCheck(dep: Dependency, timeoutMs: number): Promise<DependencyCheck> {
  const base = { service: dep.name, url: dep.url };
  const t0 = performance.now();
  const r = await createEngineClient({ url: dep.url, timeoutMs }).health();
  const ms = performance.now() - t0;
  if (!r.ok)
    return r.kind === 'http'
      ? { ...base, state: 'unhealthy', detail: r.error, ms }
      : { ...base, state: 'unreachable', detail: r.error, ms: null };
  const failing = Object.entries(r.data.checks)
    .filter(([, v]) => typeof v === 'object' && v !== null && (v as { status?: string }).status === 'fail')
    .map(([k, v]) => `${k}: ${(v as { message?: string }).message ?? 'fail'}`);
  const detail =
    r.data.status === 'healthy'
      ? 'status healthy'
      : `status unhealthy${failing.length ? `: ${failing.join('; ')}` : ''}`;
  return { ...base, state: r.data.status, detail, ms };
}

// The guide's first debugging command: curl /api/v1/targets. A target Prometheus cannot scrape is a finding.
async function targetsCheck(prom: DependencyCheck, timeoutMs: number): Promise<void> {
  const up = await createPrometheusClient({ url: prom.url, timeoutMs }).instant('up');
  if (!up.ok) return;
  const down = up.data
    .filter((s) => s.value === 0)
    .map((s) => `${s.labels.job ?? '?'}/${s.labels.instance ?? '?'}`);
  prom.detail += `; ${up.data.length - down.length}/${up.data.length} targets up`;
  if (down.length) {
    prom.state = 'unhealthy';
    prom.detail += ` (down: ${down.join(', ')})`;
  }
}

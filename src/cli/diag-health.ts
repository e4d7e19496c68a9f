/**
 * `mmops diag health`: the guides' health_check.py and check_service_health: each service's health
 * endpoint (engine /health, Prometheus and Alertmanager /-/healthy, Grafana /api/health) and the
 * Prometheus scrape targets, in one verdict.
 */
import type { Command } from 'commander';
import { createEngineClient, createPrometheusClient, probe } from '../sources/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  require: string;
  json?: boolean;
}

type State = 'healthy' | 'unhealthy' | 'unreachable';

/** One service's verdict. */
interface Check {
  service: string;
  url: string;
  required: boolean;
  state: State;
  detail: string;
  ms: number | null;
}

const SERVICES = ['engine', 'prometheus', 'alertmanager', 'grafana'] as const;

/**
 * Runs `diag health`. Exit 3 when a required service is unreachable, 1 when any service that answered is
 * unhealthy (a Prometheus target down counts), 0 otherwise. Optional services that are not running
 * (Grafana on a host without it) are listed but decide nothing.
 */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const required = new Set(
    opts.require
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const r of required) {
    if (!(SERVICES as readonly string[]).includes(r)) {
      throw new CliError(`--require ${r}: allowed: ${SERVICES.join(', ')}`);
    }
  }
  const timeoutMs = config.sources.timeout_seconds * 1000;
  const s = config.sources;
  const checks = await Promise.all([
    engineCheck(s.engine_url, timeoutMs),
    probeCheck('prometheus', `${s.prometheus_url.replace(/\/+$/, '')}/-/healthy`, timeoutMs),
    probeCheck('alertmanager', `${s.alertmanager_url.replace(/\/+$/, '')}/-/healthy`, timeoutMs),
    probeCheck('grafana', `${s.grafana_url.replace(/\/+$/, '')}/api/health`, timeoutMs),
  ]);
  for (const c of checks) c.required = required.has(c.service);
  const prom = checks.find((c) => c.service === 'prometheus')!;
  if (prom.state === 'healthy') await targetsCheck(prom, s.prometheus_url, timeoutMs);

  const status = checks.some((c) => c.state === 'unhealthy') ? 'unhealthy' : 'healthy';
  const unreachable = checks.some((c) => c.required && c.state === 'unreachable');
  const result = {
    status: unreachable ? 'unreachable' : status,
    checks,
    timestamp: new Date().toISOString(),
  };
  if (opts.json) printJson(result);
  else {
    const rows = checks.map((c) => [
      c.service,
      c.state.toUpperCase(),
      c.required ? 'yes' : 'no',
      c.ms === null ? '-' : `${Math.round(c.ms)} ms`,
      c.detail,
    ]);
    process.stdout.write(
      `${textTable(['service', 'state', 'required', 'time', 'detail'], rows)}\n\noverall: ${result.status}\n`,
    );
  }
  if (unreachable) return EXIT.unreachable;
  return status === 'healthy' ? EXIT.ok : EXIT.finding;
}

async function engineCheck(url: string, timeoutMs: number): Promise<Check> {
  const t0 = performance.now();
  const r = await createEngineClient({ url, timeoutMs }).health();
  const ms = performance.now() - t0;
  if (!r.ok)
    return {
      service: 'engine',
      url,
      required: false,
      state: r.kind === 'http' ? 'unhealthy' : 'unreachable',
      detail: r.error,
      ms: r.kind === 'http' ? ms : null,
    };
  const failing = Object.entries(r.data.checks)
    .filter(([, v]) => typeof v === 'object' && v !== null && (v as { status?: string }).status === 'fail')
    .map(([k]) => k);
  const detail =
    r.data.status === 'healthy'
      ? 'status healthy'
      : `status unhealthy${failing.length ? `: ${failing.join(', ')}` : ''}`;
  return { service: 'engine', url, required: false, state: r.data.status, detail, ms };
}

async function probeCheck(service: string, url: string, timeoutMs: number): Promise<Check> {
  const r = await probe(url, timeoutMs);
  if (!r.ok) return { service, url, required: false, state: 'unreachable', detail: r.error, ms: null };
  const d = r.data;
  return {
    service,
    url,
    required: false,
    state: d.healthy ? 'healthy' : 'unhealthy',
    detail: `HTTP ${d.status}`,
    ms: d.ms,
  };
}

// The guide's first debugging command: curl /api/v1/targets. A target Prometheus cannot scrape is a finding.
async function targetsCheck(prom: Check, url: string, timeoutMs: number): Promise<void> {
  const up = await createPrometheusClient({ url, timeoutMs }).instant('up');
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

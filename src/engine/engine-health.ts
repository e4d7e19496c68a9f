/** GET /health, pure: the engine's own checks. Host load is reported but does not make the engine unhealthy. */
import type { DispatcherStats } from '../alerting/index.js';
import type { EventLogStats } from './event-log/index.js';
import { notificationsCheck } from './notify-health.js';
import type { StoreStatus } from './store/index.js';
import type { SystemHealth } from './system/index.js';

/** One check: ok, warn (worth a look, still serving) or fail (503). */
export interface Check {
  status: 'ok' | 'warn' | 'fail';
  message: string;
}

/** The /health document. */
export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  checks: Record<string, Check>;
}

/** What the checks read. Times are epoch ms. */
export interface HealthInput {
  now: number;
  startedAt: number;
  monitoringSeconds: number;
  lastEvaluation: { at: number; ok: boolean; error?: string } | null;
  lastAppend: { ok: boolean; at: number; error?: string } | null;
  log: EventLogStats;
  windowRecords: number;
  reference: boolean;
  system: SystemHealth | null;
  notifications: DispatcherStats;
  /** notify.delivery.unhealthy_after in seconds; 600 by default. */
  notifyUnhealthyAfterSeconds?: number;
  /** The prediction store's writer; absent when no storage.database_url is set. */
  store?: { status: StoreStatus; lagWarningSeconds: number };
  /** Checks of configured dependencies (the model service), by name; reported as they are. */
  dependencies?: Record<string, Check>;
}

const ok = (message: string): Check => ({ status: 'ok', message });
const warn = (message: string): Check => ({ status: 'warn', message });
const fail = (message: string): Check => ({ status: 'fail', message });

/** Judges the engine: unhealthy when the event log cannot write or evaluations stopped or fail. */
export function engineHealth(h: HealthInput): HealthReport {
  // Three missed intervals plus slack: one slow evaluation on a busy host is not an outage.
  const staleMs = 3 * h.monitoringSeconds * 1000 + 30_000;
  const evaluation = (() => {
    const e = h.lastEvaluation;
    if (e === null) {
      return h.now - h.startedAt > staleMs ? fail('no evaluation has completed since start') : ok('starting');
    }
    if (!e.ok) return fail(`the last evaluation failed: ${e.error ?? 'unknown error'}`);
    const age = (h.now - e.at) / 1000;
    return h.now - e.at > staleMs
      ? fail(`the last evaluation was ${age.toFixed(0)} s ago`)
      : ok(`${age.toFixed(1)} s ago`);
  })();
  const a = h.lastAppend;
  const eventLog =
    a && !a.ok
      ? fail(`the last append failed: ${a.error ?? 'unknown error'}`)
      : ok(`${h.log.segments} segments, ${h.log.bytes} bytes, ${h.log.entriesWritten} entries written`);
  const checks: Record<string, Check> = {
    event_log: eventLog,
    evaluation,
    window: ok(`${h.windowRecords} records`),
    reference: h.reference
      ? ok('loaded')
      : warn('no reference: drift is not computed (PUT /api/v1/reference)'),
    system:
      h.system === null
        ? warn('not sampled yet')
        : h.system.status === 'healthy'
          ? ok('healthy')
          : warn(h.system.issues.join('; ')),
    notifications: notificationsCheck(h.notifications, h.now, (h.notifyUnhealthyAfterSeconds ?? 600) * 1000),
    ...h.dependencies,
  };
  if (h.store) checks.store = storeCheck(h.store.status, h.store.lagWarningSeconds);
  const unhealthy = Object.values(checks).some((c) => c.status === 'fail');
  return { status: unhealthy ? 'unhealthy' : 'healthy', checks };
}

/**
 * The store is never a fail: the event log keeps every record while PostgreSQL is away, and a 503 would make
 * a load balancer or a compose healthcheck stop sending records to the one component still keeping them.
 */
export function storeCheck(s: StoreStatus, lagWarningSeconds: number): Check {
  const records = s.lagRecords === null ? 'an unknown number of' : String(s.lagRecords);
  const behind = `${records} records, ${s.lagSeconds.toFixed(1)} s behind the event log`;
  if (s.state === 'down')
    return warn(`down: ${s.error ?? 'unknown error'}; ${behind} (kept in the event log)`);
  if (s.state === 'connecting') return warn(`connecting; ${behind}`);
  if (s.lagSeconds > lagWarningSeconds) return warn(`up, lagging: ${behind}`);
  // a lag the operator would otherwise not explain: the writer holds back on purpose, within its budget
  if (s.yielding)
    return ok(
      `up, deferring to ingest (storage.yield_lag_seconds): ${behind}; ${s.written.predictions} predictions written`,
    );
  return ok(`up, ${behind}; ${s.written.predictions} predictions written`);
}

/**
 * The thin loop around sources/ack-reconcile.ts: every interval it reads the alerts and silences of each
 * target (Alertmanager, and the engine's own silences API), and extends or expires acks. The engine
 * process runs it (`mmops engine`, `mmops demo`): it is the one mmops process that is always up, so acks
 * keep while no console is open, as kthxbye runs beside Alertmanager.
 */
import type { Config } from '../config/index.js';
import {
  type AckAction,
  type AckPolicy,
  type AlertmanagerClient,
  ackActions,
  createAlertmanagerClient,
  DEFAULT_ACK_POLICY,
} from '../sources/index.js';

/** One pass over one target: fetch, decide, apply. Returns what it did (failures as messages). */
export async function reconcileAcks(
  client: AlertmanagerClient,
  now: () => number,
  policy: AckPolicy = DEFAULT_ACK_POLICY,
): Promise<{ applied: AckAction[]; errors: string[] }> {
  const [alerts, silences] = await Promise.all([client.alerts({ silenced: true }), client.silences()]);
  if (!alerts.ok || !silences.ok) {
    return {
      applied: [],
      errors: [alerts.ok ? '' : alerts.error, silences.ok ? '' : silences.error].filter(Boolean),
    };
  }
  const applied: AckAction[] = [];
  const errors: string[] = [];
  for (const action of ackActions(alerts.data, silences.data, now(), policy)) {
    const s = action.silence;
    const r =
      action.kind === 'expire'
        ? await client.expire(s.id)
        : // Alertmanager API v2 updates an active silence in place (same id) when only endsAt changes.
          await client.silence({
            id: s.id,
            matchers: s.matchers,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(action.endsAt),
            createdBy: s.createdBy,
            comment: s.comment,
          });
    if (r.ok) applied.push(action);
    else errors.push(`${action.kind} ${s.id}: ${r.error}`);
  }
  return { applied, errors };
}

/** Options of the loop. */
export interface AckLoopOptions {
  targets: AlertmanagerClient[];
  intervalMs: number;
  now?: () => number;
  policy?: AckPolicy;
  /** Where to say what was done and what failed. */
  say: (line: string) => void;
}

/** Starts the loop; the returned stop() waits for a pass in flight. A pass never overlaps the next. */
export function startAckLoop(opts: AckLoopOptions): { stop(): Promise<void> } {
  const now = opts.now ?? Date.now;
  let running: Promise<void> | null = null;
  let lastError = new Map<string, string>();
  const pass = async () => {
    const seen = new Map<string, string>();
    for (const t of opts.targets) {
      const r = await reconcileAcks(t, now, opts.policy);
      for (const a of r.applied) {
        opts.say(
          a.kind === 'expire'
            ? `ack ${a.silence.id} by ${a.silence.createdBy} expired: ${a.reason}`
            : `ack ${a.silence.id} by ${a.silence.createdBy} extended to ${new Date(a.endsAt).toISOString()} (${a.alerts} firing)`,
        );
      }
      // say each failure once, not every interval while a target stays down
      const err = r.errors.join('; ');
      if (err) seen.set(t.url, err);
      if (err && lastError.get(t.url) !== err) opts.say(`acks at ${t.url}: ${err}`);
    }
    lastError = seen;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = pass().finally(() => {
      running = null;
    });
  }, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The engine process's loop: acks in Alertmanager and in the engine itself, every alert check interval. */
export function startEngineAckLoop(
  config: Config,
  urls: { engine: string; alertmanager: string },
  say: (line: string) => void,
): { stop(): Promise<void> } {
  const timeoutMs = config.sources.timeout_seconds * 1000;
  return startAckLoop({
    targets: [
      createAlertmanagerClient({ url: urls.alertmanager, timeoutMs }),
      createAlertmanagerClient({ url: urls.engine, timeoutMs }),
    ],
    intervalMs: config.intervals.alert_check_seconds * 1000,
    say,
  });
}

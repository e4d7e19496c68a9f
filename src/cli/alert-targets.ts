/**
 * Where silences and acks go: Alertmanager, or the engine's own silences API for engine-only alerts (both
 * speak Alertmanager API v2, sources/alertmanager.ts). Also the author every silence carries.
 */
import { hostname, userInfo } from 'node:os';
import type { Config } from '../config/index.js';
import {
  type AlertmanagerClient,
  type AmAlert,
  createAlertmanagerClient,
  createEngineClient,
  createPrometheusClient,
  type EngineAlertsDoc,
  type EngineClient,
  type SourceResult,
} from '../sources/index.js';
import { CliError, EXIT } from './exit.js';

/** A place that holds silences. */
export interface SilenceTarget {
  name: 'alertmanager' | 'engine';
  client: AlertmanagerClient;
}

/** The read clients `alerts show` and `alerts history` use, with the configured timeout. */
export function readClients(config: Pick<Config, 'sources'>) {
  const timeoutMs = config.sources.timeout_seconds * 1000;
  return {
    prometheus: createPrometheusClient({ url: config.sources.prometheus_url, timeoutMs }),
    alertmanager: createAlertmanagerClient({ url: config.sources.alertmanager_url, timeoutMs }),
    // null when no engine runs (sources.engine_url: null, ENGINE_URL=none): there is nothing to ask
    engine:
      config.sources.engine_url === null
        ? null
        : createEngineClient({ url: config.sources.engine_url, timeoutMs }),
  };
}

/** The engine's alerts; none at all when no engine is configured (an empty answer, not a failure). */
export function engineAlerts(engine: EngineClient | null): Promise<SourceResult<EngineAlertsDoc>> {
  if (engine) return engine.alerts();
  return Promise.resolve({ ok: true, data: { alerts: [], history: [] }, fetchedAt: Date.now() });
}

/** Alertmanager first, then the engine. */
export function silenceTargets(config: Pick<Config, 'sources'>): SilenceTarget[] {
  const timeoutMs = config.sources.timeout_seconds * 1000;
  const engineUrl = config.sources.engine_url;
  return [
    {
      name: 'alertmanager',
      client: createAlertmanagerClient({ url: config.sources.alertmanager_url, timeoutMs }),
    },
    ...(engineUrl === null
      ? []
      : [{ name: 'engine' as const, client: createAlertmanagerClient({ url: engineUrl, timeoutMs }) }]),
  ];
}

/**
 * Who a silence is by: --author, else $MMOPS_AUTHOR (the config's environment), else user@host, never a
 * fixed name (the console used to write root@mmops, which tells colleagues nothing).
 */
export function silenceAuthor(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag?.trim()) return flag.trim();
  if (env.MMOPS_AUTHOR?.trim()) return env.MMOPS_AUTHOR.trim();
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

/** Each target's alerts hit by the matchers (texts), as Alertmanager's own `filter` matches them. */
export async function previewHits(
  targets: readonly SilenceTarget[],
  filter: readonly string[],
): Promise<Array<{ target: SilenceTarget; result: SourceResult<AmAlert[]> }>> {
  return Promise.all(
    targets.map(async (target) => ({
      target,
      result: await target.client.alerts({ silenced: true, filter }),
    })),
  );
}

/**
 * The target a new silence goes to: Alertmanager when it holds a hit alert (or nothing is hit anywhere, a
 * silence made ahead of time), the engine when only the engine holds one. Exit 3 when neither answers.
 */
export function chooseTarget(
  hits: Array<{ target: SilenceTarget; result: SourceResult<AmAlert[]> }>,
  want: 'auto' | 'alertmanager' | 'engine',
): { target: SilenceTarget; alerts: AmAlert[] } {
  // no engine configured (Prometheus alone): there is no engine to silence in, which is a usage error
  if (want !== 'auto' && !hits.some((h) => h.target.name === want))
    throw new CliError(`${want} is not configured (sources.${want}_url), so nothing can be silenced there`);
  const usable = hits.filter((h) => h.result.ok && (want === 'auto' || h.target.name === want));
  if (usable.length === 0) {
    const why = hits
      .map((h) => (h.result.ok ? '' : h.result.error))
      .filter(Boolean)
      .join('; ');
    throw new CliError(`no silence target answers: ${why}`, EXIT.unreachable);
  }
  const withHits = usable.find((h) => h.result.ok && h.result.data.length > 0);
  const chosen = withHits ?? usable[0]!;
  return { target: chosen.target, alerts: chosen.result.ok ? chosen.result.data : [] };
}

/** The alert names (with their count) a list of alerts holds, for a preview line. */
export function hitNames(alerts: readonly AmAlert[]): string {
  const counts = new Map<string, number>();
  for (const a of alerts) {
    const n = a.labels.alertname ?? '?';
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return [...counts].map(([n, c]) => (c > 1 ? `${n} x${c}` : n)).join(', ');
}

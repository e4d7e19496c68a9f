/**
 * What every runbook run needs from this installation, shared by `mmops runbook run` and the console's
 * walkthrough: where runbooks load from, the step environment (the source URLs, this very mmops first on
 * PATH), the clients, the redactor, and the console's RunbookPort over all of it.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fingerprint } from '../alerting/index.js';
import { type Config, expandHome } from '../config/index.js';
import type { RunbookPort } from '../console/index.js';
import {
  appendJournal,
  createJournalReader,
  createRunbookLoader,
  fetchSend,
  type LoadedRunbooks,
  makeRedactor,
  type Operator,
  type PromQuery,
  pgQuery,
  type Runbook,
  type RunOptions,
  RunSession,
  SourceUnreachableError,
  secretsFromConfig,
  secretsFromEnv,
  spawnBackgroundShell,
  spawnShell,
} from '../runbook/index.js';
import { createPrometheusClient } from '../sources/index.js';
import { PACKAGE_ROOT } from './package-info.js';
import { userRunbookDir } from './user-runbook-dir.js';

/** The runbooks shipped with mmops: in the package, wherever it is installed, whatever the cwd. */
const SHIPPED_DIR = join(PACKAGE_ROOT, 'runbooks');

/** The Prometheus instant query the promql steps use: config sources.prometheus_url through src/sources. */
export function promInstantQuery(url: string): PromQuery {
  return async (query, { timeoutMs }) => {
    const r = await createPrometheusClient({ url, timeoutMs }).instant(query);
    if (!r.ok) {
      // No answer is not a failed query: the step ends UNREACHABLE and the run exits 3.
      // The error names the query URL (percent-encoded PromQL); the base URL and the cause read better.
      if (r.kind === 'timeout') throw new SourceUnreachableError(`${url}: no answer within ${timeoutMs} ms`);
      if (r.kind === 'unreachable') throw new SourceUnreachableError(`${url}: ${r.error.split(': ').pop()}`);
      throw new Error(r.error);
    }
    return r.data.map((s) => ({ labels: s.labels, value: s.value }));
  };
}

/**
 * Shipped runbooks, then config runbooks.dirs (relative to the working directory), then the user's own
 * ($XDG_CONFIG_HOME/mmops/runbooks), then `extra`: the more personal the later, and a runbook in a later
 * directory replaces one of the same id. A directory that does not exist adds nothing.
 */
export function runbookDirs(config: Config, extra: string[] = []): string[] {
  const all = [SHIPPED_DIR, ...config.runbooks.dirs, userRunbookDir(), ...extra].map((d) =>
    resolve(expandHome(d)),
  );
  return [...new Set(all)];
}

/**
 * Runbooks call `mmops ...`: a temp dir with an `mmops` script running this very installation (and its
 * --config) goes first on PATH, so a step never runs another version, or none, of mmops. Remove it after.
 */
export function createMmopsShim(configFile?: string): string | undefined {
  const bin = join(PACKAGE_ROOT, 'bin', 'mmops.js');
  if (!existsSync(bin)) return undefined;
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const dir = mkdtempSync(join(tmpdir(), 'mmops-shim-'));
  const args = configFile ? ` --config ${q(resolve(configFile))}` : '';
  writeFileSync(join(dir, 'mmops'), `#!/bin/sh\nexec ${q(process.execPath)} ${q(bin)}${args} "$@"\n`);
  chmodSync(join(dir, 'mmops'), 0o755);
  return dir;
}

/**
 * The base environment of every step: the process's, the shim first on PATH, and the sources twice: as
 * MMOPS_*_URL for the runbooks' own commands, and as the variables config reads (ENGINE_URL, ...), so an
 * `mmops diag` a step runs asks the same engine and Prometheus as the session (the demo's free ports).
 */
function stepBaseEnv(config: Config, shim: string | undefined): Record<string, string | undefined> {
  const s = config.sources;
  return {
    ...process.env,
    PATH: shim ? `${shim}:${process.env.PATH ?? ''}` : process.env.PATH,
    MMOPS_ENGINE_URL: s.engine_url ?? undefined, // unset when no engine runs: steps SKIP on `requires`
    MMOPS_PROMETHEUS_URL: s.prometheus_url,
    MMOPS_ALERTMANAGER_URL: s.alertmanager_url,
    MMOPS_GRAFANA_URL: s.grafana_url ?? undefined, // unset when not configured: steps SKIP on `requires`
    // `none`, not unset: an unset ENGINE_URL would send a step's `mmops` to the default engine URL
    ENGINE_URL: s.engine_url ?? 'none',
    PROMETHEUS_URL: s.prometheus_url,
    ALERTMANAGER_URL: s.alertmanager_url,
    GRAFANA_URL: s.grafana_url ?? undefined,
    // sql steps read DATABASE_URL: the store's, also when it is set in a config file rather than the env
    ...(config.storage.database_url ? { DATABASE_URL: config.storage.database_url } : {}),
  };
}

/** The sources a run's steps are pointed at, as the report lists them (the database's password is redacted). */
function endpointsOf(config: Config): Record<string, string> {
  const s = config.sources;
  const db = process.env.DATABASE_URL;
  return {
    ...(s.engine_url ? { engine: s.engine_url } : {}),
    prometheus: s.prometheus_url,
    alertmanager: s.alertmanager_url,
    ...(s.grafana_url ? { grafana: s.grafana_url } : {}),
    ...(db ? { database: db } : {}),
  };
}

/** The login name, or $USER when there is none (a container's uid without a passwd entry). */
export function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Run options for `config`: the real spawner and clients, redaction of configured and env secrets. */
export function sessionOptions(
  config: Config,
  shim: string | undefined,
  extra: Pick<
    RunOptions,
    'operator' | 'params' | 'labels' | 'signal' | 'continueOnFail' | 'alert' | 'resume'
  >,
): RunOptions {
  return {
    deps: {
      spawn: spawnShell,
      spawnBackground: spawnBackgroundShell,
      promQuery: promInstantQuery(config.sources.prometheus_url),
      http: fetchSend,
      sql: pgQuery,
    },
    env: stepBaseEnv(config, shim),
    endpoints: endpointsOf(config),
    identity: { user: operatorName(), host: hostname() },
    redact: makeRedactor([...secretsFromConfig(config), ...secretsFromEnv(process.env)]),
    ...extra,
  };
}

/** The console's port: runbooks from the usual dirs, the journal, sessions as `mmops runbook run` runs them. */
export function consoleRunbookPort(
  config: Config,
  opts: { configFile?: string; extraDirs?: string[] } = {},
): RunbookPort & { dispose(): void } {
  const shim = createMmopsShim(opts.configFile);
  // The deck reads both every minute: unchanged files are not parsed again, and an unchanged load is the
  // same object, so the deck does not redraw (runbook/load-memo.ts).
  const loadAll = createRunbookLoader(runbookDirs(config, opts.extraDirs), { levels: config });
  let loaded: { from: LoadedRunbooks; value: { runbooks: Runbook[]; errors: string[] } } | undefined;
  return {
    schedule: config.runbooks.schedule,
    load: () => {
      const from = loadAll();
      if (loaded?.from !== from)
        loaded = { from, value: { runbooks: from.runbooks, errors: from.errors.map((e) => e.message) } };
      return loaded.value;
    },
    journal: createJournalReader(config.runbooks.journal_dir),
    // The walkthrough stops run-all at the first FAIL (the operator decides whether to go on), whatever
    // the runbook's continueOnFail says for unattended runs.
    session: (req) =>
      new RunSession(
        req.runbook,
        sessionOptions(config, shim, {
          operator: req.operator as Operator,
          params: req.params,
          labels: req.labels,
          signal: req.signal,
          continueOnFail: false,
          // the journal links the run to its alert (the alert's detail lists it): Alertmanager's
          // fingerprint when the console had it, else the same FNV-1a of the labels Alertmanager computes
          ...(req.alert
            ? {
                alert: {
                  fingerprint: req.alert.fingerprint ?? fingerprint(req.alert.labels),
                  labels: req.alert.labels,
                },
              }
            : {}),
          ...(req.resume ? { resume: req.resume } : {}),
        }),
      ),
    save: (record) => appendJournal(config.runbooks.journal_dir, record).markdown,
    dispose: () => {
      if (shim) rmSync(shim, { recursive: true, force: true });
    },
  };
}

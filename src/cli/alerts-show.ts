/**
 * `mmops alerts show NAME [--label k=v]... [--json]`: each alert of that name with its labels, annotations,
 * value, when it went pending and firing, its sources, and its silence, ack or inhibition (the inhibiting
 * alert and the rule), plus its engine history.
 */
import type { Command } from 'commander';
import { type JournalEntry, readJournal } from '../runbook/index.js';
import { formatMatcher } from '../sources/index.js';
import { type AlertDetail, alertDetails, inhibitRules, silenceLine } from './alert-detail.js';
import { engineAlerts, readClients, silenceTargets } from './alert-targets.js';
import { listSilences } from './alerts-silences.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** The command's options. */
export interface ShowOpts {
  label?: string[];
  json?: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Shows the alert: exit 3 when no source answers, 1 when none of that name is active, 3 when one is down. */
export async function run(name: string, opts: ShowOpts, cmd: Command): Promise<number> {
  const labels = Object.fromEntries(
    (opts.label ?? []).map((l) => {
      const i = l.indexOf('=');
      if (i <= 0) throw new CliError(`--label ${JSON.stringify(l)}: use name=value`);
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
  const { config } = configFor(cmd);
  const c = readClients(config);
  const [prom, am, engine, yaml, silences] = await Promise.all([
    c.prometheus.alerts(),
    c.alertmanager.alerts({ silenced: true, inhibited: true }),
    engineAlerts(c.engine),
    c.alertmanager.configYaml(),
    listSilences(silenceTargets(config), false),
  ]);
  // with every source down the journal still tells which runs started from the alert
  const errors = [prom, am, engine].flatMap((r) => (r.ok ? [] : [r.error]));
  const details = alertDetails(name, labels, {
    prometheus: prom.ok ? prom.data : [],
    alertmanager: am.ok ? am.data : [],
    engine: engine.ok ? engine.data.alerts : [],
    silences: silences.silences,
    inhibitRules: yaml.ok ? inhibitRules(yaml.data) : [],
  });
  const history = engine.ok ? engine.data.history.filter((h) => h.name === name) : [];
  const runs = runsOf(name, readJournal(config.runbooks.journal_dir).entries);
  const now = Date.now();
  if (opts.json) {
    printJson({
      name,
      alerts: details.map((d) => ({
        ...d,
        pendingSince: iso(d.pendingSince),
        firingSince: iso(d.firingSince),
        silences: d.silences.map((s) => ({
          id: s.id,
          target: s.target,
          kind: s.ack ? 'ack' : 'silence',
          createdBy: s.createdBy,
          comment: s.comment,
          matchers: s.matchers.map(formatMatcher),
          endsAt: iso(s.endsAt),
        })),
      })),
      history,
      runs,
      errors,
    });
  } else {
    for (const e of errors) process.stderr.write(`mmops: ${e}\n`);
    const text =
      details.length === 0 ? [`no active alert named ${name}`] : details.flatMap((d) => detailText(d, now));
    const hist = history.slice(0, 10).map((h) => `  ${new Date(h.ts).toISOString()}  ${h.from} -> ${h.to}`);
    process.stdout.write(
      `${[...text, ...(hist.length ? ['history (engine, newest first)', ...hist] : [])].join('\n')}\n`,
    );
  }
  if (errors.length === 3) return EXIT.unreachable;
  if (details.length === 0) return EXIT.finding;
  return errors.length > 0 ? EXIT.unreachable : EXIT.ok;
}

/** The journalled runbook runs started from an alert of this name, newest first, with their verdicts. */
export function runsOf(name: string, entries: readonly JournalEntry[]) {
  return entries
    .filter((e) => (e.alert?.labels.alertname ?? e.labels.alertname) === name)
    .reverse()
    .map((e) => ({
      runId: e.runId,
      runbook: e.runbook.id,
      status: e.status,
      startedAt: e.startedAt,
      by: `${e.user}@${e.host}`,
      labels: e.alert?.labels ?? e.labels,
      ...(e.resumedFrom ? { resumedFrom: e.resumedFrom } : {}),
    }));
}

/** The readable lines of one alert. */
export function detailText(d: AlertDetail, now: number): string[] {
  const ago = (ms: number | null) =>
    ms === null
      ? '-'
      : `${new Date(ms).toISOString()} (${Math.max(0, Math.round((now - ms) / 60_000))}m ago)`;
  const labels = Object.entries(d.labels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `${d.name}  ${d.severity}  ${d.state}${d.fingerprint ? `  ${d.fingerprint}` : ''}`,
    `  labels       ${labels || '-'}`,
    ...Object.entries(d.annotations).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
    `  value        ${d.value ?? '-'}`,
    `  pending      ${ago(d.pendingSince)}`,
    `  firing       ${ago(d.firingSince)}`,
    `  sources      ${d.sources.join(', ')}`,
    ...d.silences.map((s) => `  ${silenceLine(s, now)}`),
    ...d.inhibitedBy.map(
      (i) =>
        `  inhibited by ${
          i.labels
            ? `${i.labels.alertname ?? '?'}{${Object.entries(i.labels)
                .filter(([k]) => k !== 'alertname')
                .map(([k, v]) => `${k}="${v}"`)
                .join(',')}}`
            : i.fingerprint
        }` + ` via rule ${i.rule?.text ?? '(not found in the running config)'}`,
    ),
    '',
  ];
}

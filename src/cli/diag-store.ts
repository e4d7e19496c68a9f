/**
 * `mmops diag store`: the operator's questions of the prediction store (accuracy by day and model, actuals'
 * arrival, request volume per minute, slowest minutes), read-only. Exit 0 ok, 1 a finding, 2 no or a
 * malformed URL, 3 the database unreachable.
 */
import type { Command } from 'commander';
import { checkDatabaseUrl, judgeAnswers, openClient, QUESTIONS, type StoreAnswers } from '../engine/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** Runs the command; resolves to the exit code. */
export async function run(opts: { url?: string; json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const url = opts.url ?? config.storage.database_url;
  if (!url)
    throw new CliError('no database: set DATABASE_URL (storage.database_url) or pass --url', EXIT.usage);
  const checked = checkDatabaseUrl(url);
  if (!checked.ok) {
    throw new CliError(`storage.database_url ${checked.shown} is malformed: ${checked.problem}`, EXIT.usage);
  }
  let answers: StoreAnswers;
  try {
    const client = await openClient(url);
    try {
      await client.query('BEGIN READ ONLY');
      const days = [config.engine.retention_days];
      answers = {
        accuracyByDay: (await client.query(QUESTIONS.accuracyByDay, days)).rows,
        actuals: (await client.query(QUESTIONS.actuals, days)).rows[0],
        volume: (await client.query(QUESTIONS.volume)).rows,
        slowest: (await client.query(QUESTIONS.slowest)).rows,
      };
      await client.query('ROLLBACK');
    } finally {
      await client.end().catch(() => {});
    }
  } catch (err) {
    throw new CliError(`cannot query ${checked.shown}: ${(err as Error).message}`, EXIT.unreachable);
  }
  const findings = judgeAnswers(answers, config);
  if (opts.json) printJson({ database: checked.shown, ...answers, findings });
  else process.stdout.write(text(answers, findings));
  return findings.length > 0 ? EXIT.finding : EXIT.ok;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);
const secs = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} s`);
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

function text(a: StoreAnswers, findings: ReturnType<typeof judgeAnswers>): string {
  const lines = ['Accuracy by day and model (predictions with an actual)'];
  for (const r of a.accuracyByDay)
    lines.push(`  ${r.day}  ${r.model.padEnd(16)} ${pct(r.accuracy)}  (${r.scored})`);
  if (a.accuracyByDay.length === 0) lines.push('  no scored predictions');
  const x = a.actuals;
  lines.push(
    'Actuals (predictions older than 5 minutes)',
    `  arrived ${pct(x.arrived_share)} of ${x.predictions}; late by p50 ${secs(x.p50_late_seconds)}, p95 ${secs(x.p95_late_seconds)}`,
    'Request volume per minute (last 10 minutes with data)',
    `  ${a.volume.map((r) => `${hhmm(r.minute)} ${r.requests}`).join('  ') || 'none in the last hour'}`,
    'Slowest minutes of the last hour (p95 latency)',
    ...a.slowest
      .slice(0, 5)
      .map((r) => `  ${hhmm(r.minute)}  ${(r.p95_seconds * 1000).toFixed(0)} ms  (${r.requests})`),
  );
  if (a.slowest.length === 0) lines.push('  none');
  lines.push(findings.length === 0 ? 'ok' : findings.map((f) => `${f.state}: ${f.what}`).join('\n'));
  return `${lines.join('\n')}\n`;
}

/**
 * `mmops baseline show|set|reset`: the engine's performance baseline under the operator's control (issue 12).
 * After a retrain, `reset` (the next scored window becomes the baseline) or `set --from-window` once the new
 * model has settled; `set --file F` takes figures measured elsewhere (a validation run, MLflow).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type BaselineDoc, engineBaseline } from '../sources/index.js';
import { configFor, engineUrlOf, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** Options of `baseline set`. */
export interface SetOpts {
  fromWindow?: boolean;
  file?: string;
  json?: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The baseline as one readable paragraph. */
export function baselineText(doc: BaselineDoc): string {
  const b = doc.baseline;
  if (b === null) return `baseline: none (${doc.note ?? 'not taken yet'})`;
  return [
    `baseline: accuracy ${pct(b.accuracy)}  precision ${pct(b.precision)}  recall ${pct(b.recall)}  F1 ${pct(b.f1)}  (${b.support} scored)`,
    `source:   ${b.source}, set ${b.setAtIso}, measured ${b.measuredAt}`,
  ].join('\n');
}

/** Runs one baseline action against the configured engine. */
export async function run(action: 'show' | 'set' | 'reset', opts: SetOpts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const client = {
    url: engineUrlOf(config, `baseline ${action}`),
    timeoutMs: config.sources.timeout_seconds * 1000,
    token: config.engine.ingest_token,
  };
  let body: unknown;
  if (action === 'set') {
    if (Boolean(opts.fromWindow) === Boolean(opts.file))
      throw new CliError('baseline set: give exactly one of --from-window or --file FILE');
    if (opts.file) {
      try {
        body = JSON.parse(readFileSync(opts.file, 'utf8'));
      } catch (err) {
        throw new CliError(`--file ${opts.file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else body = { from: 'window' };
  }
  const method = action === 'show' ? 'GET' : action === 'set' ? 'PUT' : 'DELETE';
  const r = await engineBaseline(client, method, body);
  if (!r.ok) {
    process.stderr.write(`mmops: ${r.error}\n`);
    // 400 (bad figures) and 409 (too few scored predictions) are the operator's input; 401 a missing token.
    return r.kind === 'http' ? (r.status === 409 ? EXIT.finding : EXIT.usage) : EXIT.unreachable;
  }
  if (opts.json) printJson(r.data);
  else process.stdout.write(`${baselineText(r.data)}\n`);
  return EXIT.ok;
}

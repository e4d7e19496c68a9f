/**
 * `mmops diag model`: the guide's model_diagnostics.py: is the model healthy? Accuracy and weighted F1
 * against the threshold table and the baseline, prediction drift, latency and errors, from the engine.
 */
import type { Command } from 'commander';
import { levelBook, modelChecks, overallOf } from '../monitor/index.js';
import { createEngineClient } from '../sources/index.js';
import { configFor, engineUrlOf, printJson } from './config-option.js';
import { EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  json?: boolean;
}

/** Runs `diag model`: 0 healthy or not judgeable yet (UNKNOWN), 1 a metric at warning or worse, 3 the engine unreachable. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const engine = createEngineClient({
    url: engineUrlOf(config, 'diag model'),
    timeoutMs: config.sources.timeout_seconds * 1000,
    maxBytes: config.sources.max_response_bytes,
  });
  const r = await engine.report();
  if (!r.ok) {
    process.stderr.write(`mmops: engine unreachable: ${r.error}\n`);
    return EXIT.unreachable;
  }
  const p = r.data.performance ?? {};
  // monitor judges every row against the level book; this command only fetches and prints
  const checks = modelChecks(
    {
      accuracy: p.accuracy ?? null,
      degradation: p.degradation?.ratio ?? null,
      latencyP95: p.latency?.p95 ?? null,
      errorRatio: p.errorRatio ?? null,
      spreadCompliance: p.spreadCompliance ?? null,
      driftShare: r.data.drift?.driftedShare ?? null,
    },
    levelBook(config),
  );
  const worst = overallOf(checks);
  const result = {
    status: worst,
    evaluatedAt: r.data.evaluatedAt,
    window: r.data.window,
    metrics: {
      accuracy: p.accuracy ?? null,
      precision: p.precision ?? null,
      recall: p.recall ?? null,
      f1: p.f1 ?? null,
    },
    checks,
  };
  if (opts.json) printJson(result);
  else {
    const rows = checks.map((c) => [
      c.check,
      fmt(c.value),
      c.limit,
      c.state === 'unknown' ? 'NO DATA' : c.state.toUpperCase(),
    ]);
    process.stdout.write(
      `model: ${worst.toUpperCase()} (window of ${r.data.window.records} records, evaluated ${r.data.evaluatedAt})\n` +
        `accuracy ${pct(p.accuracy)}, precision ${pct(p.precision)}, recall ${pct(p.recall)}, F1 ${pct(p.f1)} (weighted)\n\n` +
        `${textTable(['check', 'value', 'warning / critical when', 'state'], rows)}\n`,
    );
  }
  return worst === 'warning' || worst === 'critical' ? EXIT.finding : EXIT.ok;
}

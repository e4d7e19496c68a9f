/** `mmops check quality`: the guide's validate_data: missing, duplicates, types, outliers, consistency, score. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  assessQuality,
  type DType,
  OHLCV_SCHEMA,
  type QualityReport,
  readFrame,
  type Schema,
} from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  current: string;
  reference?: string;
  schema: string;
  json?: boolean;
}

const DTYPES: readonly DType[] = ['float64', 'int64', 'string', 'bool', 'datetime'];

/**
 * Runs `check quality` and returns its exit code: 1 when the score is below quality.min_score
 * (DATA_QUALITY_THRESHOLD) or any issue is critical. Warnings (a few outliers, near-constant columns) are
 * printed but are not a finding: every real data set has some IQR outliers.
 */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const schema = await schemaFor(opts.schema, opts.current);
  const [cur, ref] = await Promise.all([
    readFrame(opts.current, schema ? { schema } : {}),
    opts.reference ? readFrame(opts.reference) : Promise.resolve(undefined),
  ]);
  const report = assessQuality(cur.frame, {
    ...(ref ? { reference: ref.frame } : {}),
    ...(schema ? { schema } : {}),
    schemaIssues: cur.schemaIssues,
    nearConstantShare: config.quality.near_constant_share,
  });
  const belowScore = report.score < config.quality.min_score;
  const critical = report.issues.some((i) => i.severity === 'critical');
  if (opts.json) printJson(report);
  else printText(report, config.quality.min_score);
  return belowScore || critical ? EXIT.finding : EXIT.ok;
}

/** `auto` applies the guide's OHLCV types when the file has any OHLCV column; `none` checks no types. */
async function schemaFor(option: string, file: string): Promise<Schema | undefined> {
  if (option === 'none') return undefined;
  if (option === 'ohlcv') return OHLCV_SCHEMA;
  if (option === 'auto') {
    const { frame } = await readFrame(file);
    const names = new Set(frame.columns.map((c) => c.name));
    return Object.keys(OHLCV_SCHEMA).some((n) => names.has(n)) ? OHLCV_SCHEMA : undefined;
  }
  return readSchemaFile(option);
}

function readSchemaFile(file: string): Schema {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`--schema ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`--schema ${file}: expected a mapping of column: dtype`);
  }
  for (const [col, dtype] of Object.entries(data)) {
    if (!DTYPES.includes(dtype as DType)) {
      throw new CliError(
        `--schema ${file}: column "${col}" has dtype ${JSON.stringify(dtype)}; allowed: ${DTYPES.join(', ')}`,
      );
    }
  }
  return data as Schema;
}

function printText(r: QualityReport, minScore: number): void {
  const state = r.score < minScore ? `BELOW ${minScore}` : 'ok';
  const rows = r.columns.map((c) => [
    c.column,
    c.dtype,
    pct(c.missingRatio),
    c.outlierRatio === null ? '-' : pct(c.outlierRatio),
    c.issues.map((i) => i.code).join(', '),
  ]);
  const issues = r.issues.map(
    (i) =>
      `  ${i.severity === 'critical' ? 'CRITICAL' : 'warning '} ${i.column ? `${i.column}: ` : ''}${i.message}`,
  );
  process.stdout.write(
    `${[
      `quality score ${fmt(r.score)} (${state}); ${r.rows} rows, missing ${pct(r.missingRatio)}, ` +
        `duplicates ${r.duplicateRows} (${pct(r.duplicateRatio)}), outliers ${pct(r.outlierRatio)}`,
      '',
      textTable(['column', 'dtype', 'missing', 'outliers', 'issues'], rows),
      '',
      issues.length ? `issues:\n${issues.join('\n')}` : 'no issues',
    ].join('\n')}\n`,
  );
}

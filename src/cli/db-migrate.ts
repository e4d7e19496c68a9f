/** `mmops db migrate`: brings the store's schema up to date and says which versions it applied. */
import type { Command } from 'commander';
import { checkDatabaseUrl, type MigrateResult, migrate, openClient } from '../engine/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** Runs the command; resolves to the exit code. */
export async function run(opts: { url?: string; json?: boolean }, cmd: Command): Promise<number> {
  const url = opts.url ?? configFor(cmd).config.storage.database_url;
  if (!url)
    throw new CliError('no database: set DATABASE_URL (storage.database_url) or pass --url', EXIT.usage);
  const checked = checkDatabaseUrl(url);
  if (!checked.ok) {
    throw new CliError(`storage.database_url ${checked.shown} is malformed: ${checked.problem}`, EXIT.usage);
  }
  let result: MigrateResult;
  try {
    const client = await openClient(url);
    try {
      result = await migrate(client);
    } finally {
      await client.end().catch(() => {});
    }
  } catch (err) {
    throw new CliError(`cannot migrate ${checked.shown}: ${(err as Error).message}`, EXIT.unreachable);
  }
  if (opts.json) printJson({ database: checked.shown, ...result });
  else {
    const what = result.applied.length === 0 ? 'up to date' : `applied ${result.applied.join(', ')}`;
    process.stdout.write(`${checked.shown}: schema version ${result.version}, ${what}\n`);
  }
  return EXIT.ok;
}

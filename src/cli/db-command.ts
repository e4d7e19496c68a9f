/** `mmops db ...`: the prediction store's schema. The action's module is imported only when it runs. */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

/** Registers `db` and its `migrate` subcommand. */
export function registerDb(program: Command, ctx: RunContext): void {
  const db = program.command('db').description('the prediction store in PostgreSQL (storage.database_url)');
  db.command('migrate')
    .description(
      'apply the missing schema versions to DATABASE_URL (idempotent; the engine also runs it at start); ' +
        'exit 0 up to date, 2 no or a malformed URL, 3 unreachable',
    )
    .option('--url <url>', 'the database (default storage.database_url, DATABASE_URL)')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./db-migrate.js')).run(opts, cmd);
    });
}

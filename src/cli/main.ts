/** The `mmops` command: parses argv with commander and hands each command to its own file. */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.js';
import { registerBaseline } from './baseline-command.js';
import { registerCheck } from './check.js';
import { registerConsole } from './console-commands.js';
import { registerDb } from './db-command.js';
import { registerDiag } from './diag.js';
import { CliError, EXIT } from './exit.js';
import { registerNotify } from './notify.js';
import { packageVersion } from './package-info.js';
import { registerRules } from './rules-command.js';
import { registerRunbook } from './runbook-command.js';
import { registerDemo, registerEngine, registerGameday, registerSimulate } from './service-commands.js';

/** What an action reports back to main: its exit code. */
export interface RunContext {
  exitCode: number;
}

/** Builds the command tree; actions record their exit code in `ctx`. */
export function buildProgram(ctx: RunContext): Command {
  const program = new Command('mmops')
    .description('Operations console, runbooks and monitoring engine for an ML trading-model service')
    .version(packageVersion(), '-V, --version', 'print the version of mmops')
    .option(
      '--config <file>',
      'configuration file (overrides $XDG_CONFIG_HOME/mmops/config.yaml, by default ~/.config/mmops/config.yaml)',
    )
    .showHelpAfterError('(run mmops --help for usage)')
    // a mistyped subcommand (`mmops diag resorces`) names the nearest one; the top level's own words
    // reach the default console command, which does the same (console-commands.ts)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCheck(program, ctx);
  registerEngine(program, ctx);
  registerSimulate(program, ctx);
  registerDemo(program, ctx);
  registerGameday(program, ctx);
  registerDiag(program, ctx);
  registerRunbook(program, ctx);
  registerRules(program, ctx);
  registerNotify(program, ctx);
  registerDb(program, ctx);
  registerConsole(program, ctx);
  registerBaseline(program, ctx);
  return program;
}

/** Runs the CLI with `argv` (process.argv form) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const ctx: RunContext = { exitCode: EXIT.ok };
  try {
    await buildProgram(ctx).parseAsync(argv);
    return ctx.exitCode;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  // help and --version exit 0; every other parse error is a usage error
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof CliError) {
    process.stderr.write(`mmops: ${err.message}\n`);
    return err.exitCode;
  }
  // Input errors from the rooms (FrameError, ...) carry their own file:line message: print it plainly.
  if (
    err instanceof Error &&
    err.name.endsWith('Error') &&
    err.name !== 'Error' &&
    !(err instanceof TypeError)
  ) {
    process.stderr.write(`mmops: ${err.message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`mmops: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.usage;
}

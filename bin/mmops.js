#!/usr/bin/env node
// Runs the compiled CLI: start-up time matters on a production host, so no TS loader here. A command line
// that only opens the console starts it from its bundle, without the whole CLI (dist/cli/console-argv.js).
import { consoleArgv } from '../dist/cli/console-argv.js';

const consoleOpts = consoleArgv(process.argv);
const run = consoleOpts
  ? (await consoleEntry()).runConsoleFast(consoleOpts)
  : import('../dist/cli/main.js').then(({ main }) => main(process.argv));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`mmops: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);

// The bundle when built (npm run build), the plain modules otherwise; a bundle that fails to load says so.
async function consoleEntry() {
  const bundle = new URL('../dist/console-bundle/console-entry.js', import.meta.url);
  try {
    return await import(bundle.href);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(bundle.pathname))
      return import('../dist/cli/console-entry.js');
    throw err;
  }
}

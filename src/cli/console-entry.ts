/**
 * `mmops console` on its fast path (consoleArgv): the validated config from its cache (no zod, no YAML
 * parser on a hit), the running demo's URLs as configFor gives them, then the console with its runbooks.
 * scripts/bundle-console.mjs bundles this file; bin/mmops.js loads it only for such command lines.
 */
import { loadConfigCached } from '../config/index.js';
import { preloadConsole } from '../console/index.js';
import { withRunningDemo } from './config-option.js';
import { runConsoleWithRunbooks } from './console.js';
import { asConsoleProcess } from './console-process.js';
import { EXIT } from './exit.js';

/** Runs the console; resolves to the exit code (2 and the message for a bad config, as main does). */
export async function runConsoleFast(o: { configFile?: string; color: boolean }): Promise<number> {
  asConsoleProcess();
  preloadConsole(); // Ink loads while the config is read
  let config: Awaited<ReturnType<typeof loadConfigCached>>;
  try {
    config = withRunningDemo(
      await loadConfigCached(o.configFile === undefined ? {} : { configFile: o.configFile }),
    );
  } catch (err) {
    if (!(err instanceof Error && err.name === 'ConfigError')) throw err;
    process.stderr.write(`${err.message}\n`);
    return EXIT.usage;
  }
  if (!o.color) process.env.NO_COLOR = '1';
  return runConsoleWithRunbooks(config.config, o.configFile);
}

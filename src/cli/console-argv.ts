/**
 * Does this command line only open the console (`mmops`, `mmops console`, with `--config FILE` and
 * `--no-color`)? bin/mmops.js asks before loading the CLI: the console then starts from its bundle
 * (console-entry.ts) without commander's whole command tree. Anything else goes the usual way.
 */

/** The console's options when argv only opens the console; null for every other command line. */
export function consoleArgv(argv: readonly string[]): { configFile?: string; color: boolean } | null {
  const args = argv.slice(2);
  let configFile: string | undefined;
  let color = true;
  let command = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'console' && !command) command = true;
    else if (a === '--no-color') color = false;
    else if (a === '--config' && i + 1 < args.length && configFile === undefined) configFile = args[++i];
    else if (a.startsWith('--config=') && configFile === undefined) configFile = a.slice('--config='.length);
    else return null; // help, a version, another command, a typo: commander says what it says
  }
  if (configFile === '') return null;
  return configFile === undefined ? { color } : { configFile, color };
}

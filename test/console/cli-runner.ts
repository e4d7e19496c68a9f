/** Runs the compiled mmops (with the console commands, see fixtures/console/mmops-entry.mjs) as a subprocess. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, ROOT } from '../helpers/run-cli.js';

const wired = (() => {
  try {
    return readFileSync(join(ROOT, 'dist', 'cli', 'main.js'), 'utf8').includes('registerConsole');
  } catch {
    return false;
  }
})();

/** The script to run: bin/mmops.js once main.ts registers the console commands, the shim until then. */
export const ENTRY = wired ? BIN : join(ROOT, 'test', 'fixtures', 'console', 'mmops-entry.mjs');

/** Runs `mmops ...args` with only `env` (plus an empty HOME); never throws on a non-zero exit. */
export async function mmopsConsole(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [ENTRY, ...args], {
    reject: false,
    env: { HOME: join(ROOT, 'test', 'fixtures', 'empty-home'), ...env },
    extendEnv: false,
    cwd: ROOT,
    timeout: 30_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the real binary (compiled JS) for the console commands as a subprocess. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, ROOT } from '../helpers/run-cli.js';

/** The script to run. */
export const ENTRY = BIN;
const HOME = mkdtempSync(join(tmpdir(), 'mmops-home-'));

/** Runs `mmops ...args` with only `env` (plus an empty temp HOME); never throws on a non-zero exit. */
export async function mmopsConsole(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [ENTRY, ...args], {
    reject: false,
    env: { HOME, ...env },
    extendEnv: false,
    cwd: ROOT,
    timeout: 30_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

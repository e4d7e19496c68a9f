/** Runs the real `mmops` binary (compiled JS) as a subprocess, as a user or a runbook would. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'mmops.js');

// A fresh HOME per test file: no user config is read, and journals or logs never land in the repo.
const HOME = mkdtempSync(join(tmpdir(), 'mmops-home-'));

/** Runs `mmops ...args`; never throws on a non-zero exit. */
export async function mmops(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    env: { ...env, HOME: env.HOME ?? HOME },
    extendEnv: false,
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

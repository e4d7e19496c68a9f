/** Runs the real `mmops` binary (compiled JS) as a subprocess, as a user or a runbook would. */
import { join } from 'node:path';
import { execa } from 'execa';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'mmops.js');

/** Runs `mmops ...args`; never throws on a non-zero exit. */
export async function mmops(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    env: { ...env, HOME: env.HOME ?? join(ROOT, 'test', 'fixtures', 'empty-home') },
    extendEnv: false,
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

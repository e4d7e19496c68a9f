/**
 * A step's `requires`: `iostat` (a command on PATH), `mmops diag health` (a command whose `... --help`
 * exits 0, so a subcommand that has not shipped yet is SKIPPED rather than failed), `$DATABASE_URL`
 * (a variable that is set), `file:$MMOPS_PARAM_LOG_FILE` (a path that exists).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expandHome } from '../config/index.js';

type Env = Record<string, string | undefined>;
/** Runs `argv` and resolves true when it exits 0 (used for multi-word requirements). */
export type Probe = (argv: string[], env: Env) => Promise<boolean>;

/** True when `cmd` is an executable on `path` (or an executable path itself). */
export function onPath(cmd: string, path: string | undefined): boolean {
  const candidates = cmd.includes('/')
    ? [cmd]
    : (path ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, cmd));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The default probe: `argv --help` through execa, 15 s at most. */
export const probeHelp: Probe = async (argv, env) => {
  const [file, ...args] = argv;
  if (!file) return false;
  const { execa } = await import('execa');
  const r = await execa(file, [...args, '--help'], {
    env,
    extendEnv: false,
    reject: false,
    timeout: 15_000,
    stdin: 'ignore',
  });
  return r.exitCode === 0;
};

/** The reason a step cannot run, or undefined when every requirement holds. */
export async function unmetRequirement(
  requires: string[],
  env: Env,
  probe: Probe = probeHelp,
): Promise<string | undefined> {
  for (const req of requires) {
    if (req.startsWith('$')) {
      const name = req.replace(/^\$\{?|\}$/g, '');
      if (!env[name]) return `${name} is not set`;
      continue;
    }
    if (req.startsWith('file:')) {
      let missing: string | undefined;
      const path = req
        .slice(5)
        .replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (_w, a?: string, b?: string) => {
          const name = (a ?? b)!;
          const v = env[name];
          if (!v) missing ??= name;
          return v ?? '';
        });
      if (missing) return `${missing} is not set`;
      if (!existsSync(expandHome(path))) return `${path} does not exist`;
      continue;
    }
    const words = req.trim().split(/\s+/);
    if (!onPath(words[0]!, env.PATH)) return `${words[0]} is not installed`;
    if (words.length > 1 && !(await probe(words, env))) return `${req} is not available`;
  }
  return undefined;
}

/**
 * The validated configuration, cached under the XDG cache dir so the console starts without loading zod and
 * the YAML parser (~130 ms and ~10 MB of its first frame, bench/README.md "Console"). The cache is keyed by
 * everything loadConfig reads: each file's path, size, mtime, inode and mode (the mode decides a warning),
 * the value of every environment variable it binds, the options, and this module's own file (a new build
 * validates anew). Any difference is a miss: loadConfig runs as always (and its errors are never cached).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE } from './defaults-file.js';
import { ENV_BINDINGS } from './env.js';
import type { LoadedConfig, LoadOptions } from './load.js';
import type { Origin } from './origins.js';

/** What one cache file holds. */
interface Entry {
  key: string;
  config: LoadedConfig['config'];
  origins: Array<[string, Origin]>;
  files: string[];
  warnings: string[];
}

/** `$XDG_CACHE_HOME/mmops`, else `~/.cache/mmops`. */
export function configCacheDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_CACHE_HOME?.trim() || join(home, '.cache'), 'mmops');
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${file}:${s.size}:${s.mtimeMs}:${s.ino}:${s.mode}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return `${file}:absent`;
    throw err;
  }
}

/** Everything the load depends on, as one string (hashed for the file name, compared in full on a hit). */
function cacheKey(opts: LoadOptions, env: NodeJS.ProcessEnv, home: string): string {
  const files = [
    opts.defaultsFile ?? DEFAULT_CONFIG_FILE,
    join(home, '.config', 'mmops', 'config.yaml'),
    ...(opts.configFile === undefined ? [] : [opts.configFile]),
  ];
  return JSON.stringify({
    v: 1,
    code: fileStamp(fileURLToPath(import.meta.url)),
    files: files.map(fileStamp),
    env: ENV_BINDINGS.map((b) => env[b.name] ?? null),
    flags: opts.flags ?? [],
    configFile: opts.configFile ?? null,
  });
}

/**
 * loadConfig through the cache: a hit returns the stored result (and repeats its warnings); a miss loads,
 * validates and stores it (0600: it may hold secrets, as the files it came from). A cache that cannot be
 * read or written is skipped, with a line on `warn` unless it simply is not there yet.
 */
export async function loadConfigCached(
  opts: LoadOptions & { cacheDir?: string } = {},
): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const home = opts.home ?? homedir();
  const warn = opts.warn ?? ((m: string) => void process.stderr.write(`${m}\n`));
  const key = cacheKey(opts, env, home);
  const dir = opts.cacheDir ?? configCacheDir(env, home);
  const file = join(dir, `config-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  if (existsSync(file)) {
    try {
      const e = JSON.parse(readFileSync(file, 'utf8')) as Entry;
      if (e.key === key) {
        for (const w of e.warnings) warn(w);
        return { config: e.config, origins: new Map(e.origins), files: e.files };
      }
    } catch (err) {
      warn(`config: cache ${file} unreadable (${String(err)}); validating the config anew`);
    }
  }
  const { loadConfig } = await import('./load.js');
  const warnings: string[] = [];
  const loaded = loadConfig({
    ...opts,
    warn: (m) => {
      warnings.push(m);
      warn(m);
    },
  });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const entry: Entry = { key, ...loaded, origins: [...loaded.origins], warnings };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    warn(`config: could not cache the validated config in ${dir} (${String(err)})`);
  }
  return loaded;
}

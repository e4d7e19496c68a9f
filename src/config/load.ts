/** Loads the configuration: defaults, the user's file, --config, the environment and flags, validated. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_CONFIG_FILE } from './defaults-file.js';
import { readEnv } from './env.js';
import { levelConflicts } from './level-pairs.js';
import {
  describeOrigin,
  type Origin,
  type Origins,
  parseYamlWithOrigins,
  YamlSyntaxError,
} from './origins.js';
import { type Config, configSchema } from './schema.js';
import { secretKeysIn, shownValue } from './secrets.js';
import { storeYieldConflicts } from './store-yield.js';
import { userConfigDir } from './user-dir.js';

export { DEFAULT_CONFIG_FILE };

/** A rejected configuration. The CLI prints the message and exits 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `config: ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** `--config FILE`: must exist. */
  readonly configFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The home directory whose ~/.config/mmops/config.yaml is read; the real home by default. An absolute
   * XDG_CONFIG_HOME in `env` wins over it ($XDG_CONFIG_HOME/mmops/config.yaml), as for the user's runbooks.
   */
  readonly home?: string;
  /** Command-line flags by key path, e.g. `engine.port` from `--port`. */
  readonly flags?: ReadonlyArray<{ path: string; name: string; value: unknown }>;
  readonly defaultsFile?: string;
  /** Where warnings go (a config file holding secrets that others can read); stderr by default. */
  readonly warn?: (message: string) => void;
}

/** The validated configuration and where each key came from. */
export interface LoadedConfig {
  readonly config: Config;
  readonly origins: Origins;
  /** The files read, lowest precedence first. */
  readonly files: string[];
}

/** Loads and validates the configuration, or throws ConfigError naming key, origin and what is allowed. */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const warn = opts.warn ?? ((m: string) => void process.stderr.write(`${m}\n`));
  const userFile = join(userConfigDir(env, opts.home ?? homedir()), 'config.yaml');
  const files = [opts.defaultsFile ?? DEFAULT_CONFIG_FILE];
  if (existsSync(userFile)) files.push(userFile);
  if (opts.configFile !== undefined) {
    if (!existsSync(opts.configFile)) throw new ConfigError([`--config ${opts.configFile}: no such file`]);
    files.push(opts.configFile);
  }

  let data: Record<string, unknown> = {};
  const origins: Origins = new Map();
  for (const file of files) {
    let parsed: { data: unknown; origins: Origins };
    try {
      parsed = parseYamlWithOrigins(readFileSync(file, 'utf8'), file);
    } catch (err) {
      throw new ConfigError([err instanceof YamlSyntaxError ? err.message : `${file}: ${String(err)}`]);
    }
    if (!isPlainObject(parsed.data))
      throw new ConfigError([`${file}:1: the top level must be a mapping of keys`]);
    data = merge(data, parsed.data);
    const secrets = secretKeysIn(parsed.origins.keys(), (p) => get(parsed.data, p.split('.')));
    const exposed = secrets.length > 0 ? readableByOthers(file) : null;
    if (exposed !== null)
      warn(
        `config: warning: ${file} holds secrets (${secrets.join(', ')}) and is readable by others ` +
          `(mode ${exposed}): chmod 600 ${file}`,
      );
    for (const [path, origin] of parsed.origins) origins.set(path, origin);
  }

  const { overrides, problems } = readEnv(env);
  const errors = problems.map(
    (p) =>
      `${p.path} ${shownValue(p.path, p.value)} (from environment variable ${p.name}): allowed: ${p.expected}`,
  );
  for (const [path, o] of overrides) set(data, path, o.value, origins, { kind: 'env', name: o.name });
  for (const f of opts.flags ?? []) set(data, f.path, f.value, origins, { kind: 'flag', name: f.name });

  const result = configSchema.safeParse(data);
  if (!result.success) errors.push(...result.error.issues.map((i) => describeIssue(i, data, origins)));
  else errors.push(...levelConflicts(result.data, origins), ...storeYieldConflicts(result.data, origins));
  if (errors.length > 0) throw new ConfigError(errors);
  return { config: result.data as Config, origins, files };
}

/** Expands a leading `~` in a configured path. */
export function expandHome(path: string, home = homedir()): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, origins: Origins): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const parent = schemaAt(path);
    const allowed = parent && 'shape' in parent ? Object.keys(parent.shape as object).join(', ') : '';
    return issue.keys
      .map((k) => {
        const key = [...path, k].join('.');
        return `unknown key ${key} (at ${describeOrigin(origins.get(key))}): allowed keys here: ${allowed}`;
      })
      .join('\n');
  }
  const key = path.join('.') || '(top level)';
  const origin = nearestOrigin(path, origins);
  // Secrets are named, never shown: the message lands in terminals, CI logs and tickets (issue 17, defect 7).
  const shown = shownValue(key, get(data, path));
  const allowed = schemaAt(path)?.description ?? issue.message;
  return `${key} ${shown} (from ${describeOrigin(origin)}): allowed: ${allowed}`;
}

// The file's mode as octal text when group or others may read it, else null.
function readableByOthers(file: string): string | null {
  const mode = statSync(file).mode & 0o777;
  return (mode & 0o044) !== 0 ? `0${mode.toString(8)}` : null;
}

function nearestOrigin(path: string[], origins: Origins): Origin | undefined {
  for (let n = path.length; n > 0; n--) {
    const o = origins.get(path.slice(0, n).join('.'));
    if (o) return o;
  }
  return undefined;
}

// Walks the zod schema along a key path, unwrapping nullable/array wrappers, to find a leaf's description.
function schemaAt(path: string[]): (z.ZodType & { shape?: unknown }) | undefined {
  let s: unknown = configSchema;
  for (const key of path) {
    s = unwrap(s);
    if (s && typeof s === 'object' && 'shape' in s) s = (s.shape as Record<string, unknown>)[key];
    else if (s && typeof s === 'object' && 'element' in s) s = s.element;
    else return undefined;
  }
  return s as z.ZodType & { shape?: unknown };
}

function unwrap(s: unknown): unknown {
  while (s && typeof s === 'object' && 'unwrap' in s && typeof s.unwrap === 'function' && !('shape' in s)) {
    s = s.unwrap();
  }
  return s;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Maps merge key by key; anything else (lists included) is replaced whole by the later file.
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? merge(b, v) : v;
  }
  return out;
}

function get(data: unknown, path: string[]): unknown {
  let cur = data;
  for (const k of path)
    cur = isPlainObject(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function set(
  data: Record<string, unknown>,
  path: string,
  value: unknown,
  origins: Origins,
  origin: Origin,
): void {
  const keys = path.split('.');
  let cur = data;
  for (const k of keys.slice(0, -1)) {
    if (!isPlainObject(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
  origins.set(path, origin);
}

/**
 * The running demo's URLs (issue 12, point 7). `mmops demo` picks free ports when the default ones are
 * taken; it writes where it listens to $XDG_STATE_HOME/mmops/demo.json (default ~/.local/state/mmops) and
 * removes it on exit, and every other command uses those URLs for each source nobody configured.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Origins } from './origins.js';
import type { Config } from './schema.js';

/** What the demo writes. */
export interface DemoState {
  pid: number;
  startedAt: string;
  urls: { engine_url: string; prometheus_url?: string; alertmanager_url?: string };
}

/** $XDG_STATE_HOME/mmops/demo.json, else ~/.local/state/mmops/demo.json. */
export function demoStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'mmops', 'demo.json');
}

/** Writes the state file (atomically: a reader sees the old file or the new one). */
export function writeDemoState(file: string, state: DemoState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Removes the state file if it is `pid`'s: a second demo's file outlives the first one's exit. */
export function removeDemoState(file: string, pid: number): void {
  if (readDemoState(file, () => true)?.pid !== pid) return;
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Whether process `pid` exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The state file's contents when it exists, parses and names a live process; null otherwise (a demo killed
 * with -9 leaves a file behind, and its dead URLs must not replace the defaults).
 */
export function readDemoState(
  file: string,
  alive: (pid: number) => boolean = processAlive,
): DemoState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // missing, or torn by a crash: no demo to use either way
  }
  const s = raw as Partial<DemoState>;
  if (typeof s.pid !== 'number' || typeof s.urls?.engine_url !== 'string' || !alive(s.pid)) return null;
  return s as DemoState;
}

const KEYS = ['engine_url', 'prometheus_url', 'alertmanager_url'] as const;

/**
 * Applies the demo's URLs to the sources nobody set: a key counts as not configured when its value comes
 * from the shipped defaults (`defaultsFile`), never when a file, a variable or a flag set it. Returns the
 * config and the keys it changed.
 */
export function applyDemoState(
  config: Config,
  origins: Origins,
  defaultsFile: string,
  state: DemoState,
): { config: Config; used: string[] } {
  const used: string[] = [];
  const sources = { ...config.sources };
  for (const key of KEYS) {
    const url = state.urls[key];
    const o = origins.get(`sources.${key}`);
    const fromDefaults = o === undefined || (o.kind === 'file' && o.file === defaultsFile);
    if (url && fromDefaults) {
      sources[key] = url;
      used.push(key);
    }
  }
  return { config: used.length ? { ...config, sources } : config, used };
}

/** Loads the configuration for a command from the global --config option. */
import type { Command } from 'commander';
import {
  applyDemoState,
  demoStateFile,
  type LoadedConfig,
  loadConfig,
  readDemoState,
} from '../config/index.js';
import { CliError } from './exit.js';

// Commands that read no source: the demo's URLs mean nothing to them, and a note would be noise.
const NO_SOURCES = new Set(['check', 'rules', 'engine', 'simulate', 'demo']);

/**
 * The config named by the root command's --config (or the defaults, user file and environment); sources
 * nobody configured point at a running `mmops demo` when its state file says one runs (said on stderr).
 */
export function configFor(cmd: Command): LoadedConfig {
  let root = cmd;
  const chain: string[] = [];
  while (root.parent) {
    chain.unshift(root.name());
    root = root.parent;
  }
  const file = root.opts<{ config?: string }>().config;
  const loaded = loadConfig(file === undefined ? {} : { configFile: file });
  if (NO_SOURCES.has(chain[0] ?? '')) return loaded;
  return withRunningDemo(loaded);
}

/** `loaded`, with the sources nobody configured pointing at a running `mmops demo` (said on stderr). */
export function withRunningDemo(loaded: LoadedConfig): LoadedConfig {
  const stateFile = demoStateFile();
  const state = readDemoState(stateFile);
  if (state === null) return loaded;
  const { config, used } = applyDemoState(loaded.config, loaded.origins, loaded.files[0]!, state);
  if (used.length === 0) return loaded;
  const urls = used.map((k) => `${k.replace(/_url$/, '')} ${config.sources[k as 'engine_url']}`);
  process.stderr.write(`mmops: using the running demo's ${urls.join(', ')} (from ${stateFile})\n`);
  // The demo's URLs count as configured from here on (commands that ask the origins, such as notify test).
  const origins = new Map(loaded.origins);
  for (const k of used) origins.set(`sources.${k}`, { kind: 'file', file: stateFile, line: 1 });
  return { ...loaded, config, origins };
}

/**
 * The engine's URL for a command that reads only the engine (`diag model`, `baseline`); with no engine
 * configured (Prometheus alone) it has nothing to read, so it says so and exits 2.
 */
export function engineUrlOf(config: LoadedConfig['config'], command: string): string {
  const url = config.sources.engine_url;
  if (url === null)
    throw new CliError(
      `${command}: no engine is configured (sources.engine_url is null, or ENGINE_URL=none), and ${command} reads only the engine`,
    );
  return url;
}

/** Prints exactly one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The root --config file, if given. */
export function rootConfigFile(cmd: Command): string | undefined {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts<{ config?: string }>().config;
}

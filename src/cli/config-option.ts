/** Loads the configuration for a command from the global --config option. */
import type { Command } from 'commander';
import { type LoadedConfig, loadConfig } from '../config/index.js';

/** The config named by the root command's --config (or the defaults, user file and environment). */
export function configFor(cmd: Command): LoadedConfig {
  let root = cmd;
  while (root.parent) root = root.parent;
  const file = root.opts<{ config?: string }>().config;
  return loadConfig(file === undefined ? {} : { configFile: file });
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

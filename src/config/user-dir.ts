/** Where an operator keeps their own mmops files: the XDG config directory, as the XDG base directory spec says. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * $XDG_CONFIG_HOME/mmops, else <home>/.config/mmops. A relative XDG_CONFIG_HOME is ignored, as the spec
 * asks ("all paths set in these environment variables must be absolute"): it would otherwise depend on the
 * working directory. `home` replaces the real home directory (tests, `shippedLevels`).
 */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env, home?: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(home ?? (env.HOME || homedir()), '.config');
  return join(base, 'mmops');
}

/** Where an operator keeps their own runbooks: beside their mmops config, in the XDG config directory. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * $XDG_CONFIG_HOME/mmops/runbooks, else ~/.config/mmops/runbooks. A relative XDG_CONFIG_HOME is ignored,
 * as the XDG base directory spec asks (it would otherwise depend on the working directory).
 */
export function userRunbookDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'mmops', 'runbooks');
}

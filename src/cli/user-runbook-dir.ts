/** Where an operator keeps their own runbooks: beside their mmops config, in the XDG config directory. */
import { join } from 'node:path';
import { userConfigDir } from '../config/index.js';

/** $XDG_CONFIG_HOME/mmops/runbooks, else ~/.config/mmops/runbooks (config/user-dir.ts decides the base). */
export function userRunbookDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), 'runbooks');
}

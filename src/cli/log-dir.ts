/** Where the demo model service writes app.log and error.log, and where `diag logs` reads them. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $MMOPS_LOG_DIR, else ~/.local/state/mmops/logs (the XDG state directory). */
export function defaultLogDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MMOPS_LOG_DIR || join(env.HOME || homedir(), '.local', 'state', 'mmops', 'logs');
}

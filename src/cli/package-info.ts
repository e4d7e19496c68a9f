/** This installation of mmops: its root directory and version, found from the compiled file, never the cwd. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (dist/cli/ is two levels down, in the repo and in an npm install alike). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The `version` of the package.json beside dist/; throws naming the file when it is unreadable. */
export function packageVersion(): string {
  const file = join(PACKAGE_ROOT, 'package.json');
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${file}: field "version" is missing or not a string`);
  return version;
}

/** Where the shipped defaults are: two levels up from src/config, dist/config and dist/console-bundle. */
import { fileURLToPath } from 'node:url';

/** The shipped defaults file. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/default.yaml', import.meta.url));

/**
 * The store's yield budget against its lag alert: storage.yield_lag_seconds is how far the store may fall
 * behind on purpose while ingest is busy, so it must stay below storage.lag_seconds.warning, or StoreLagging
 * would warn about a lag the writer chose (and could no longer tell a slow database from a busy ingest).
 */

import { describeOrigin, type Origins } from './origins.js';
import type { Config } from './schema.js';

/** The contradiction in validated `config`, as a message naming both keys and their origins; none: []. */
export function storeYieldConflicts(config: Config, origins: Origins): string[] {
  const budget = config.storage.yield_lag_seconds;
  const warning = config.storage.lag_seconds.warning;
  if (budget === 0 || budget < warning) return [];
  const at = (key: string) => describeOrigin(origins.get(key));
  return [
    `storage.yield_lag_seconds = ${budget} (from ${at('storage.yield_lag_seconds')}) must be below ` +
      `storage.lag_seconds.warning = ${warning} (from ${at('storage.lag_seconds.warning')}): the store may ` +
      'defer to ingest only while it is less behind than StoreLagging warns about (0 turns deferring off)',
  ];
}

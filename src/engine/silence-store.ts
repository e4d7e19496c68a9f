/**
 * The engine's own silences, for alerts that never reach an Alertmanager (engine-only alerts): the same
 * shape and rules as Alertmanager API v2 silences, kept in `<data-dir>/silences.json` so they outlive a
 * restart. The notifiers honour them through the alert checker's `muted`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type MutingSilence, mutedBy, type SilenceMatcher } from '../alerting/index.js';

/** One silence. Times are epoch ms. */
export interface EngineSilence extends MutingSilence {
  matchers: SilenceMatcher[];
  createdBy: string;
  comment: string;
  updatedAt: number;
}

/** POST /api/v2/silences, parsed: `id` updates that silence. */
export interface SilenceInput {
  id?: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

/** The store. */
export interface SilenceStore {
  list(): EngineSilence[];
  /** Creates or updates; returns the id, or an error message (and whether it is a 404). */
  upsert(input: SilenceInput): { id: string } | { error: string; notFound?: boolean };
  /** Ends a silence now; false when there is none with that id. */
  expire(id: string): boolean;
  /** Ids of the silences muting these labels now. */
  mutedBy(labels: Readonly<Record<string, string>>): string[];
}

/** Opens the store at `file` (absent: empty); `clock` gives now. */
export function createSilenceStore(file: string, clock: () => number): SilenceStore {
  const silences = new Map<string, EngineSilence>(load(file).map((s) => [s.id, s]));
  const save = () => {
    // write-then-rename: a crash mid-write leaves the previous file whole
    writeFileSync(`${file}.tmp`, JSON.stringify([...silences.values()], null, 1));
    renameSync(`${file}.tmp`, file);
  };
  return {
    list: () => [...silences.values()],
    upsert(input) {
      if (input.id !== undefined && !silences.has(input.id)) {
        return { error: `silence ${input.id} not found`, notFound: true };
      }
      const id = input.id ?? randomUUID();
      silences.set(id, { ...input, id, updatedAt: clock() });
      save();
      return { id };
    },
    expire(id) {
      const s = silences.get(id);
      if (!s) return false;
      const now = clock();
      // Alertmanager's expire: a pending silence becomes an empty window, an active one ends now.
      if (s.endsAt > now)
        silences.set(id, { ...s, startsAt: Math.min(s.startsAt, now), endsAt: now, updatedAt: now });
      save();
      return true;
    },
    mutedBy: (labels) => mutedBy([...silences.values()], labels, clock()),
  };
}

function load(file: string): EngineSilence[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return JSON.parse(text) as EngineSilence[];
}

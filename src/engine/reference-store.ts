/** The reference data set: loaded from --reference or from the data dir, replaced by PUT /api/v1/reference. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { type Frame, readFrame } from '../monitor/index.js';
import { removeIfExists } from './data-files.js';

/** The formats a reference upload may take. */
export type ReferenceUploadFormat = 'csv' | 'ndjson';

const EXT: Record<ReferenceUploadFormat, string> = { csv: 'csv', ndjson: 'ndjson' };

/** Where a stored reference lives in the data dir, if one does. */
export function storedReference(dataDir: string): string | null {
  for (const ext of Object.values(EXT)) {
    const p = join(dataDir, `reference.${ext}`);
    if (existsSync(p)) return p;
  }
  return null;
}

/** CSV for text/csv, NDJSON for the JSON types; otherwise a first line that starts with `{` is NDJSON. */
export function uploadFormat(text: string, contentType?: string): ReferenceUploadFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (/json/.test(type)) return 'ndjson';
  return /^\s*\{/.test(text) ? 'ndjson' : 'csv';
}

/** Reads a reference file; throws (FrameError naming file:line) when it cannot be used. */
export async function loadReference(file: string): Promise<Frame> {
  const { frame } = await readFrame(file);
  if (frame.rows === 0 || frame.columns.length === 0) {
    throw new Error(`${file}: the reference has no rows or no columns`);
  }
  return frame;
}

/** A refused upload: the body is not a usable reference (400, an invalid batch). Other errors are the disk's. */
export class ReferenceUploadError extends Error {}

/** Stores uploads one whole file at a time; `install` runs in the same turn as the file's rename. */
export interface ReferenceUploads {
  /** Stages, parses and installs one upload; rejects with ReferenceUploadError for a bad body. */
  save(text: string, format: ReferenceUploadFormat): Promise<{ frame: Frame; file: string }>;
}

/**
 * Uploads into `dataDir`. Each request stages to its own file (issue 17, defect 3: two PUTs shared one staging
 * name, so one renamed the other's half-written upload or failed with ENOENT), is parsed there, so a bad
 * upload leaves the stored one untouched, then is installed under a queue: rename into place, the other
 * format's file removed, `install(frame)`. The last upload to be installed wins whole, on disk and in memory.
 */
export function referenceUploads(dataDir: string, install: (frame: Frame) => void): ReferenceUploads {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async save(text, format) {
      const staged = join(dataDir, `${STAGING_PREFIX}${randomUUID()}.${EXT[format]}`);
      try {
        await writeSynced(staged, text);
        let frame: Frame;
        try {
          frame = await loadReference(staged);
        } catch (err) {
          throw new ReferenceUploadError(err instanceof Error ? err.message : String(err));
        }
        const file = join(dataDir, `reference.${EXT[format]}`);
        const installed = queue.then(async () => {
          await rename(staged, file);
          for (const other of Object.values(EXT)) {
            if (other !== EXT[format]) await removeIfExists(join(dataDir, `reference.${other}`));
          }
          install(frame);
        });
        queue = installed.catch(() => undefined);
        await installed;
        return { frame, file };
      } finally {
        await removeIfExists(staged);
      }
    },
  };
}

/** Removes staging files a crash left behind (issue 17, defect 10); returns their names. */
export async function removeStagingLeftovers(dataDir: string): Promise<string[]> {
  const names = (await readdir(dataDir)).filter(
    (n) => n.startsWith(STAGING_PREFIX) || /^reference\.(csv|ndjson)\.tmp-\d+$/.test(n),
  );
  for (const n of names) await removeIfExists(join(dataDir, n));
  return names;
}

// `reference-upload.csv` and its `.tmp-PID` were the names before uploads had their own staging files.
const STAGING_PREFIX = 'reference-upload';

// Written and fsynced before the rename, so a restart finds the whole upload or the previous reference.
async function writeSynced(path: string, data: string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

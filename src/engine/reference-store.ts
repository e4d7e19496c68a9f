/** The reference data set: loaded from --reference or from the data dir, replaced by PUT /api/v1/reference. */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { type Frame, readFrame } from '../monitor/index.js';
import { removeIfExists, writeFileAtomic } from './data-files.js';

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

/**
 * Stores an uploaded reference: parsed from a temp file first, so a bad upload leaves the stored one
 * untouched; then renamed into place (fsynced, so a restart keeps it) and the other format's file removed. Returns the new frame.
 */
export async function saveReference(
  dataDir: string,
  text: string,
  format: ReferenceUploadFormat,
): Promise<{ frame: Frame; file: string }> {
  const file = join(dataDir, `reference.${EXT[format]}`);
  const staged = join(dataDir, `reference-upload.${EXT[format]}`);
  await writeFileAtomic(staged, text);
  try {
    const frame = await loadReference(staged);
    await rename(staged, file);
    for (const other of Object.values(EXT)) {
      if (other !== EXT[format]) await removeIfExists(join(dataDir, `reference.${other}`));
    }
    return { frame, file };
  } finally {
    await removeIfExists(staged);
  }
}

/** Duplicate rows with pandas `DataFrame.duplicated()` semantics: keep='first', NaN equals NaN. */
import type { Column, Frame } from '../frame/types.js';

/** One column prepared for hashing: float64 values, or integer codes for categorical cells. */
type RowKey = { readonly floats: Float64Array; readonly bits: Uint32Array } | { readonly codes: Int32Array };

const NAN_HI = 0x7ff80000;

/**
 * Counts rows equal to an earlier row (what `df.duplicated().sum()` counts). Each row gets a 32-bit
 * MurmurHash3-style hash of its cells, mixed column by column (cache friendly); rows then go into an
 * open-addressing table keyed by that hash, and a hash match is verified cell by cell, so collisions
 * never merge distinct rows. Cells compare as pandas' factorize does: every NaN is the same value,
 * 0 and -0 are equal, and strings compare by content.
 */
export function duplicateRows(frame: Frame): number {
  const n = frame.rows;
  if (n < 2 || frame.columns.length === 0) return 0;
  const keys = frame.columns.map(toKey);
  const hashes = new Uint32Array(n);
  for (const key of keys) mixColumn(hashes, key);
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  let duplicates = 0;
  rows: for (let r = 0; r < n; r++) {
    const h = hashes[r]!;
    let slot = fmix(h) & mask;
    for (let j = table[slot]!; j !== -1; j = table[slot]!) {
      if (hashes[j] === h && rowsEqual(keys, j, r)) {
        duplicates++;
        continue rows;
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = r;
  }
  return duplicates;
}

function toKey(col: Column): RowKey {
  if (col.kind !== 'categorical') {
    const floats = col.values;
    return { floats, bits: new Uint32Array(floats.buffer, floats.byteOffset, floats.length * 2) };
  }
  // Factorize: equal strings get equal codes; missing is code 0.
  const codes = new Int32Array(col.values.length);
  const seen = new Map<string, number>();
  col.values.forEach((v, i) => {
    if (v === null) return;
    let code = seen.get(v);
    if (code === undefined) seen.set(v, (code = seen.size + 1));
    codes[i] = code;
  });
  return { codes };
}

/** MurmurHash3's per-word step (Austin Appleby, public domain). */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalizer, so the low bits used as a table slot depend on every input bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mixColumn(hashes: Uint32Array, key: RowKey): void {
  if ('codes' in key) {
    const codes = key.codes;
    for (let r = 0; r < hashes.length; r++) hashes[r] = mix(hashes[r]!, codes[r]!);
    return;
  }
  const { floats, bits } = key;
  for (let r = 0; r < hashes.length; r++) {
    const v = floats[r]!;
    // Canonical bits: one NaN for all NaNs, +0 for -0 (they compare equal, so they must hash equal).
    if (v === 0) hashes[r] = mix(mix(hashes[r]!, 0), 0);
    else if (Number.isNaN(v)) hashes[r] = mix(mix(hashes[r]!, 0), NAN_HI);
    else hashes[r] = mix(mix(hashes[r]!, bits[2 * r]!), bits[2 * r + 1]!);
  }
}

function rowsEqual(keys: readonly RowKey[], a: number, b: number): boolean {
  for (const key of keys) {
    if ('codes' in key) {
      if (key.codes[a] !== key.codes[b]) return false;
      continue;
    }
    const x = key.floats[a]!;
    const y = key.floats[b]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

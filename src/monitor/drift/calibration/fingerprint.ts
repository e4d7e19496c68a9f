/** A content hash of a reference sample: the cache key that survives worker threads and fresh copies. */

/**
 * FNV-1a (32-bit) over the bytes of the values, mixed with the length. Two references that differ
 * anywhere get different keys but for a 2^-32 chance, which would only reuse a similar null distribution.
 */
export function fingerprint(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return `${values.length}:${(h >>> 0).toString(36)}`;
}

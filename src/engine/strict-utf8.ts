/**
 * Bodies decoded as UTF-8 strictly: invalid bytes are refused with their offset instead of becoming U+FFFD,
 * which once turned a corrupt label into a new prediction class (issue 17, defect 11).
 */
import { isUtf8 } from 'node:buffer';

/** The text, or the byte offset of the first ill-formed sequence and why. */
export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; reason: string };

/** Decodes `bytes` (simdutf's validation first: the common, valid case costs one fast pass). */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { ok: true, text: buf.toString('utf8') };
  const bad = firstInvalidUtf8(bytes);
  return { ok: false, offset: bad.offset, reason: bad.reason };
}

/** The 400 message for an ill-formed body. */
export function utf8Error(r: { offset: number; reason: string }): string {
  return `invalid UTF-8 at byte ${r.offset}: ${r.reason}; send the body as UTF-8`;
}

/** Where the first ill-formed sequence starts, by the Unicode Standard's Table 3-7 (well-formed UTF-8). */
export function firstInvalidUtf8(b: Uint8Array): { offset: number; reason: string } {
  const hex = (x: number) => `0x${x.toString(16).padStart(2, '0')}`;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte (Table 3-7 narrows it for
    // E0, ED, F0 and F4 to exclude overlongs, surrogates and code points above U+10FFFF).
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return { offset: i, reason: `byte ${hex(c)} cannot start a character` };
    for (let k = 1; k < n; k++) {
      const x = b[i + k];
      if (x === undefined) return { offset: i, reason: `the body ends inside a ${n}-byte character` };
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (x < min || x > max)
        return { offset: i, reason: `byte ${hex(x)} at ${i + k} does not continue the character at ${i}` };
    }
    i += n;
  }
  return { offset: -1, reason: 'valid' };
}

/** Parses plain decimal numbers straight from CSV bytes, so numeric cells never become strings. */

// Exact powers of ten: every 10^k for k <= 22 is representable in a double.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Parses bytes [start, end) as `[+-]digits[.digits][(e|E)[+-]digits]` and returns the value, or NaN when
 * the text is anything else or outside the fast path (callers then fall back to `parseNumberText`).
 *
 * Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990): with
 * at most 15 significant digits the mantissa m is exact, 10^k is exact for |k| <= 22, and one IEEE
 * multiply or divide is correctly rounded, so the result equals `Number(text)` bit for bit.
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = buf[i];
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  for (; i < end; i++) {
    c = buf[i]!;
    if (c < ZERO || c > NINE) break;
    digits++;
    if (mantissa === 0 && c === ZERO) continue;
    mantissa = mantissa * 10 + (c - ZERO);
    significant++;
  }
  if (i < end && buf[i] === DOT) {
    for (i++; i < end; i++) {
      c = buf[i]!;
      if (c < ZERO || c > NINE) break;
      digits++;
      exponent--;
      if (mantissa === 0 && c === ZERO) continue;
      mantissa = mantissa * 10 + (c - ZERO);
      significant++;
    }
  }
  if (digits === 0 || significant > 15) return Number.NaN;
  if (i < end && (buf[i] === LOWER_E || buf[i] === UPPER_E)) {
    i++;
    let expNegative = false;
    if (buf[i] === MINUS || buf[i] === PLUS) {
      expNegative = buf[i] === MINUS;
      i++;
    }
    let e = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = buf[i]!;
      if (c < ZERO || c > NINE || expDigits > 4) break;
      e = e * 10 + (c - ZERO);
      expDigits++;
    }
    if (expDigits === 0) return Number.NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return Number.NaN;
  let value: number;
  if (mantissa === 0 || exponent === 0) value = mantissa;
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent]!;
  else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent]!;
  else return Number.NaN;
  return negative ? -value : value;
}

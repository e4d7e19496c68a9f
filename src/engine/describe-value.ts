/** A value described for an error message, short enough for a 400's one line. */

/** Describes a value for an error message: `string "abc"`, `number 5`, `an array`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `number ${v}` : String(v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** `expected WHAT, got VALUE`. */
export const expected = (what: string, v: unknown) => `expected ${what}, got ${describeValue(v)}`;

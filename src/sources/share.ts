/**
 * Structural sharing (as Immer and TanStack Query's replaceEqualDeep): `next` with every part equal to the
 * same part of `prev` replaced by `prev`'s, and `prev` itself when all of it is equal. For JSON-like data,
 * equal means equal as JSON would say (undefined properties absent, NaN like NaN), without two strings: the pollers
 * and the console store compared each answer and model as JSON, several hundred KB a refresh.
 */

const isPlain = (x: unknown): x is Record<string, unknown> => {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};

/**
 * How many properties of `o` are defined. Counted, not listed: the pollers share every answer with the last
 * (the engine's report is some 500 objects a refresh), and listing the keys twice an object was 15 % of the
 * console's allocation (a sampling heap profile over a minute of the demo).
 */
function definedCount(o: Record<string, unknown>): number {
  let n = 0;
  // a plain object (isPlain) inherits no enumerable property: for...in sees its own keys only
  for (const k in o) if (o[k] !== undefined) n++;
  return n;
}

/** `next`, sharing what equals `prev` (returns `prev` when wholly equal). Mutates only unfrozen `next`. */
export function shareStructure<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let equal = prev.length === next.length;
    const writable = !Object.isFrozen(next);
    for (let i = 0; i < next.length; i++) {
      const shared = shareStructure(prev[i], next[i]);
      // Object.is: a NaN (a chart's gap) equals itself here, as it does in JSON
      if (!Object.is(shared, prev[i]) || i >= prev.length) equal = false;
      else if (writable) next[i] = shared;
    }
    return (equal ? prev : next) as T;
  }
  if (isPlain(prev) && isPlain(next)) {
    const writable = !Object.isFrozen(next);
    const out = next as Record<string, unknown>;
    let equal = true;
    let defined = 0;
    for (const k in out) {
      if (out[k] === undefined) continue;
      defined++;
      const shared = shareStructure(prev[k], out[k]);
      if (!Object.is(shared, prev[k]) || !(k in prev)) equal = false;
      else if (writable) out[k] = shared;
    }
    if (equal && defined !== definedCount(prev)) equal = false;
    return (equal ? prev : next) as T;
  }
  // JSON's view of the rest: numbers it cannot write are null; dates and others as their JSON text
  if (typeof prev === 'number' && typeof next === 'number')
    return (!Number.isFinite(prev) && !Number.isFinite(next) ? prev : next) as T;
  if (typeof prev === 'object' && typeof next === 'object' && prev !== null && next !== null)
    return (JSON.stringify(prev) === JSON.stringify(next) ? prev : next) as T;
  return next;
}

/**
 * Whether `b` equals `a` as shareStructure judges it (`shareStructure(a, b) === a`), without sharing: it
 * stops at the first difference and changes nothing. For the console's four sources, whose answers the
 * store builds into panel models every time and shares there (console/store.ts): sharing each answer
 * first walked every answer whole (the engine's report is some 500 objects) and kept references nothing
 * read, 17 ms of the console's 385 ms busy over 90 s of the demo (a CPU profile, issue 16); the sample
 * times of Prometheus' answers differ every refresh, so this check ends within a few values.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlain(a) && isPlain(b)) {
    let defined = 0;
    for (const k in b) {
      if (b[k] === undefined) continue;
      defined++;
      if (!(k in a) || !jsonEqual(a[k], b[k])) return false;
    }
    return defined === definedCount(a);
  }
  if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

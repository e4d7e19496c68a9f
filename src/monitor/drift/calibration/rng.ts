/** A small seeded generator for the null draws: the same data gives the same thresholds, run after run. */

/** Uniform draws in (0, 1). */
export interface Uniform {
  next(): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean at 32 bits), seeded by
 * splitmix32 of `seed`. 32 bits of resolution are plenty here: the draws only pick reference indices
 * and exponential spacings, whose largest value is -ln(2^-33) ~ 23.
 */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  return {
    next(): number {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      // (t + 0.5) / 2^32 lies strictly inside (0, 1): log() of it is always finite.
      return ((t >>> 0) + 0.5) / 4294967296;
    },
  };
}

/**
 * Smirnov's one-sided KS survival function Pr(D_n^+ >= x) (`scipy.special.smirnov`, which `kstwo.sf`
 * doubles wherever D_n^+ and D_n^- cannot both exceed x).
 *
 * Follows scipy 1.10.1 `scipy/special/cephes/kolmogorov.c::_smirnov` (van Mulbregt 2018,
 * arXiv:1802.06966): the Smirnov / Birnbaum-Tingey sum
 *   Pr(D_n^+ >= x) = x * sum_{v=0}^{floor(n(1-x))} C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v)
 * with its special cases and early termination. scipy accumulates in double-double; here every term is
 * evaluated in log space (binomial kept as mantissa * 2^exponent), which keeps ~1e-12 relative accuracy
 * because all terms of the lower sum are positive (no cancellation). For n > 5000 the same sum is taken
 * by the checked trapezoid scan of `smirnov-scan.ts` (a few hundred terms instead of up to n).
 */

import { clip01 } from './clip01.js';
import { smirnovLowerSumScan } from './smirnov-scan.js';

const DBL_EPSILON = 2 ** -52;
// cephes const.c with DENORMAL: log(2**-1075).
const MINLOG = -745.1332191019412;
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
/** Above this n the term-by-term sum (up to ~n terms) is replaced by the checked trapezoid scan. */
const SCAN_MIN_N = 5000;

/** Exact a*b as p + e (Dekker's two-product with Veltkamp splitting): JS has no fma. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** floor(n*x) and the remainder n*x - floor(n*x), computed exactly (kolmogorov.c::modNX). */
function modNX(n: number, x: number): { nxfl: number; alpha: number; nx: number } {
  const [p, e] = twoProduct(n, x);
  let nxfl = Math.floor(p);
  let alpha = p - nxfl + e;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  } else if (alpha > 1) {
    nxfl += 1;
    alpha -= 1;
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha, nx: p };
}

/** The upper (alternating) sum, used by scipy only when it has at most 3 terms and x <= 0.5/sqrt(n). */
function upperSumCdf(n: number, x: number, nTerms: number): number {
  let sum = (1 + x) ** (n - 1); // v = n
  let c = 1; // C(n, j) = C(n, n-j)
  for (let j = 1; j < nTerms; j++) {
    c = (c * (n - j + 1)) / j;
    const v = n - j;
    sum += c * (x + v / n) ** (v - 1) * ((n - v) / n - x) ** (n - v);
  }
  return x * sum;
}

/** Pr(D_n^+ >= x), the one-sided KS survival function (`scipy.special.smirnov(n, x)`). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0.0 && x <= 1.0)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0.0) return 1.0;
  if (x === 1.0) return 0.0;

  const { nxfl, alpha } = modNX(n, x);
  // The last term of the lower sum is v = n - nxfl - 1 (when n*x is an integer that term is 0 anyway).
  const nTerms = n - nxfl;
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    return clip01(1 - x * (1 + x) ** (n - 1)); // x <= 1/n
  }
  if (-2 * n * x * x < MINLOG) return 0; // the SF underflows double
  if (nxfl >= n - 1) return clip01((1 - x) ** n); // x >= 1 - 1/n
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // p ~ e^(-(6nx+1)^2 / 18n): too many terms to sum.
    const logp = -((6.0 * n * x + 1) ** 2) / 18.0 / n;
    if (logp < -Math.LN2) return clip01(Math.exp(logp));
    const cdf = -Math.expm1(logp);
    return clip01(1 - cdf);
  }
  const nUpperTerms = alpha === 0 ? nxfl : nxfl + 1;
  const useUpper =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
  if (useUpper) return clip01(1 - upperSumCdf(n, x, nUpperTerms));

  if (n > SCAN_MIN_N) {
    const scanned = smirnovLowerSumScan(n, x, n * x, nTerms);
    if (scanned !== null) return clip01(x * scanned);
  }
  // Lower sum term by term, as scipy: C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v); C(n,v) = cman * 2^cexp.
  let sum = (1 - x) ** n / x;
  let cman = n;
  let cexp = 0;
  const vmid = Math.floor(n / 2);
  for (let v = 1; v < nTerms; v++) {
    const t1x = x + v / n;
    const t2x = (n - v) / n - x;
    let a = 0;
    if (t2x > 0) {
      // log1p keeps the (n-v)-fold power accurate while x + v/n is small.
      const logT2 = t1x < 0.5 ? Math.log1p(-t1x) : Math.log(t2x);
      a = Math.exp(Math.log(cman) + cexp * Math.LN2 + (v - 1) * Math.log(t1x) + (n - v) * logT2);
    }
    if (Number.isFinite(a) && a !== 0) sum += a;
    // scipy's early exit: the remaining terms cannot change the sum, or they have underflowed past the mode.
    if (a !== 0) {
      if (4 * (nTerms - v) * Math.abs(a) < DBL_EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > vmid) {
      break;
    }
    cman *= (n - v) / (v + 1);
    if (cman > 2 ** 500) {
      cman *= 2 ** -500;
      cexp += 500;
    } else if (cman < 2 ** -500) {
      cman *= 2 ** 500;
      cexp -= 500;
    }
  }
  return clip01(x * sum);
}

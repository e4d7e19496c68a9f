/**
 * Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n (scipy's `kstwo.sf`).
 *
 * A port of scipy 1.10.1 `scipy/stats/_ksstats.py::_kolmogn` (Simard & L'Ecuyer 2011, "Computing the
 * Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Software 39(11)), which picks, per (n, x), one of:
 * Ruben-Gambino closed forms, 2 * Smirnov's one-sided tail, the Durbin matrix (Marsaglia-Tsang-Wang),
 * the Pomeranz recursion or the Pelz-Good asymptotic series. `ks_2samp`'s asymptotic branch calls
 * `kstwo.sf(d, round(m*n/(m+n)))`, which lands here.
 */

import { clip01 } from './clip01.js';
import { kolmognDurbinCdf, kolmognPomeranzCdf } from './kolmogorov-matrix.js';
import { smirnovSf } from './smirnov.js';

const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;

// _ksstats._STIRLING_COEFFS: B_{2j}/(2j)/(2j-1) for j = 8..1 (highest power first, as np.polyval wants).
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/** log(n! / n^n) by Stirling's series with n*log(n) removed up front (_ksstats._log_nfactorial_div_n_pow_n). */
export function logNFactorialDivNPowN(n: number): number {
  const rn = 1.0 / n;
  const x = rn / n;
  let poly = 0; // np.polyval: Horner from the highest coefficient
  for (const c of STIRLING_COEFFS) poly = poly * x + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Pelz-Good approximation of Pr(D_n <= x), the small-x transform of Li-Chien/Korolyuk (_kolmogn_PelzGood). */
export function kolmognPelzGoodCdf(n: number, x: number): number {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0.0; // z ~ 0.0417: every term underflows
  let q = Math.exp(qlog);

  // Coefficients of the terms in the sums for K1, K2 and K3.
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  // Horner scheme for sum c_i q^(i^2), reduced to a sum over odd integers.
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    K[0] = K[0]! * qpower + 1.0;
    K[1] = K[1]! * qpower + (k1a + k1b * msquared);
    K[2] = K[2]! * qpower + (k2a + k2b * msquared + k2c * mfour);
    K[3] = K[3]! * qpower + (k3a + k3b * msquared + k3c * mfour + k3d * msix);
  }
  const denom = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10]; // z**10 > 0 as z > 0.04
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / denom[i]!;

  // The extra sums over all integers k for K2 and K3: little cancellation, so computed directly.
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksq = k * k;
    const qp = q ** ksq;
    const kspi = Math.PI * k;
    k2extra += ksq * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
  }
  K[2] = K[2]! + k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * zthree));
  K[3] = K[3]! + k3extra * ((PI_SQUARED * SQRT2PI) / (216 * zsix));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}

/** Pr(D_n > x) for integer n >= 1: scipy `_kolmogn(n, x, cdf=False)` (Simard & L'Ecuyer's algorithm choice). */
export function kolmognSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1.0) return 0.0;
  if (x <= 0.0) return 1.0;
  const t = n * x;
  if (t <= 1.0) {
    // Ruben-Gambino: 1/2n <= x <= 1/n, Pr(D_n <= x) = n!/n^n (2t-1)^n.
    if (t <= 0.5) return 1.0;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1.0 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1.0 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1.0 - x) ** n); // Ruben-Gambino upper end
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x)); // D+ and D- cannot both exceed 1/2: exact

  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1.0 - kolmognDurbinCdf(n, x));
    if (nxsquared <= 4) return clip01(1.0 - kolmognPomeranzCdf(n, x));
    return clip01(2 * smirnovSf(n, x)); // Miller's approximation 2 * smirnov
  }
  // The SF has its own cut-offs on n*x^2 (the CDF branch below is shared with cdf=True in scipy).
  if (nxsquared >= 370.0) return 0.0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  let cdf: number;
  if (nxsquared >= 18.0) cdf = 1.0;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = kolmognDurbinCdf(n, x);
  else cdf = kolmognPelzGoodCdf(n, x);
  return clip01(1.0 - cdf);
}

/**
 * `scipy.stats.kstwo.sf(d, n)`: rv_continuous.sf returns 1 at or below the support's lower end 0.5/n,
 * 0 at or above 1, and `kolmogn(n, d, cdf=False)` strictly inside; a non-integer or n < 1 gives NaN.
 */
export function kstwoSf(d: number, n: number): number {
  if (Number.isNaN(d) || !(n >= 1) || !Number.isInteger(n)) return Number.NaN;
  if (d <= 0.5 / n) return 1.0;
  if (d >= 1.0) return 0.0;
  return kolmognSf(n, d);
}

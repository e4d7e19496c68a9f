/**
 * Exact two-sided p-value of the two-sample KS statistic by lattice-path counting, a port of scipy 1.10.1
 * `scipy/stats/_stats_py.py::_attempt_exact_2kssamp` and its helpers. Floating-point operations are done
 * in scipy's order so that its overflow/rounding checks (p outside [0, 1] => fall back to 'asymp') trip
 * on exactly the same inputs.
 */

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/** numpy's np.round for one float: round half to even (C rint). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Pr(D_{n,n} >= h/n): 2 * sum_k (-1)^(k+1) binom(2n, n-kh) / binom(2n, n), evaluated Horner-like as
 * 2*A0*(1 - A1*(1 - A2*(...))) to avoid subtractive cancellation (_compute_prob_outside_square).
 */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0.0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1.0;
    // Each A_k has h simple factors in numerator and denominator.
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1.0 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths (0,0)->(m,n) that do NOT stay strictly inside |x/m - y/n| < h/lcm(m,n):
 * Hodges' (1958) inside method with Viehmann's (2021, arXiv:2102.08037) recursion for 1-p, one sliding
 * column window at a time (scipy `_stats_pythran.py::_compute_outer_prob_inside_method`).
 */
export function probOutsideInside(m0: number, n0: number, g: number, h: number): number {
  // Symmetric in m, n; the recursion below uses m >= n.
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);

  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1.0);
  A.fill(0.0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1.0;
    // A(x, y) = A(x, y-1) + A(x-1, y), normalised so entries stay probabilities.
    let val = minj === 0 ? 0.0 : 1.0;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + shift]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1]!;
}

/** Outcome of `attemptExact2Samp`: `d` is the statistic rounded onto the 1/lcm(n1, n2) grid. */
export interface ExactAttempt {
  success: boolean;
  d: number;
  prob: number;
}

/**
 * scipy `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')`: rounds d to h/lcm, then counts paths;
 * fails (so the caller switches to 'asymp') when the result is not a probability in [0, 1].
 */
export function attemptExact2Samp(n1: number, n2: number, g: number, d: number): ExactAttempt {
  const lcm = Math.floor(n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dr = (h * 1.0) / lcm;
  if (h === 0) return { success: true, d: dr, prob: 1.0 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return { success: false, d: dr, prob };
  return { success: true, d: dr, prob };
}

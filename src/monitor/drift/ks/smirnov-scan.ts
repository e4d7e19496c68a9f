/**
 * Fast evaluation of the Smirnov / Birnbaum-Tingey lower sum for large n (used by `smirnovSf`).
 *
 * Term v of the sum is A_v = C(n,v) p^(v-1) q^(n-v) with p = x + v/n, q = 1 - p, i.e. the binomial
 * probability Pr(Bin(n, p) = v) / p. For large n these terms form one smooth bump thousands of terms wide
 * (scipy's `_smirnov` adds up to ~n of them, ~0.2 s at n = 5e5). Summing every h-th term times h is the
 * trapezoid rule on a smooth, rapidly decaying function, whose error falls like exp(-2 pi^2 sigma^2 / h^2);
 * each result is checked against the same sum with step 2h, and h shrinks (down to 1 = scipy's exact
 * sum) until the two agree to 1e-13. Each term is evaluated with Loader's saddle-point binomial
 * probability (stirlerr + bd0; Loader 2000, "Fast and Accurate Computation of Binomial Probabilities"),
 * which keeps full relative precision where log C(n,v) and the powers would cancel.
 */

const LN_2PI = Math.log(2 * Math.PI);
/** A term this far (in log) below the largest one cannot change the sum. */
const NEGLIGIBLE_LOG = 60;
/** Fewest samples across the bump before a step h > 1 is trusted (h = sigma/6 gives ~130). */
const MIN_POINTS = 40;

/** log(k!) - log(sqrt(2 pi k) (k/e)^k): the error of Stirling's formula (Loader's stirlerr). */
function stirlerr(k: number): number {
  if (k <= 15) {
    if (k === 0) return 0;
    let logFact = 0;
    for (let i = 2; i <= k; i++) logFact += Math.log(i);
    return logFact - (k + 0.5) * Math.log(k) + k - LN_2PI / 2;
  }
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const kk = k * k;
  if (k > 500) return (S0 - S1 / kk) / k;
  if (k > 80) return (S0 - (S1 - S2 / kk) / kk) / k;
  if (k > 35) return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
  return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** Deviance term x log(x/np) + np - x, by a series when x ~ np to avoid cancellation (Loader's bd0). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** log A_v = log(C(n,v) p^(v-1) q^(n-v)) with p = x + v/n, q = (n-v)/n - x and n*x = nx. */
export function logSmirnovTerm(n: number, x: number, nx: number, v: number): number {
  const p = x + v / n;
  const q = (n - v) / n - x;
  if (q <= 0) return Number.NEGATIVE_INFINITY;
  if (v === 0) return n * Math.log1p(-x) - Math.log(x);
  const lc = stirlerr(n) - stirlerr(v) - stirlerr(n - v) - bd0(v, nx + v) - bd0(n - v, n - v - nx);
  const lf = LN_2PI + Math.log(v) + Math.log1p(-v / n);
  return lc - 0.5 * lf - Math.log(p);
}

/**
 * sum_{v=0}^{nTerms-1} A_v by the checked trapezoid scan, or null when the bump reaches either end of
 * the range (then only scipy's term-by-term sum is exact).
 */
export function smirnovLowerSumScan(n: number, x: number, nx: number, nTerms: number): number | null {
  const f = (v: number): number => logSmirnovTerm(n, x, nx, v);
  // The log-terms are unimodal in v: ternary search for the peak.
  let lo = 0;
  let hi = nTerms - 1;
  while (hi - lo > 2) {
    const m1 = lo + Math.floor((hi - lo) / 3);
    const m2 = hi - Math.floor((hi - lo) / 3);
    if (f(m1) < f(m2)) lo = m1 + 1;
    else hi = m2 - 1;
  }
  let peak = lo;
  for (let v = lo + 1; v <= hi; v++) if (f(v) > f(peak)) peak = v;
  const top = f(peak);
  if (!Number.isFinite(top) || f(0) > top - NEGLIGIBLE_LOG || f(nTerms - 1) > top - NEGLIGIBLE_LOG)
    return null;

  // Width of the bump from the curvature at the peak: sigma = 1 / sqrt(-f'').
  const delta = Math.max(1, Math.min(16, peak, nTerms - 1 - peak));
  const curv = (f(peak + delta) - 2 * top + f(peak - delta)) / (delta * delta);
  const sigma = curv < 0 ? 1 / Math.sqrt(-curv) : 1;
  let h = Math.max(1, Math.floor(sigma / 6));
  for (;;) {
    let all = 0;
    let even = 0;
    let count = 0;
    for (const dir of [1, -1]) {
      for (let k = dir === 1 ? 0 : 1; ; k++) {
        const v = peak + dir * k * h;
        if (v < 0 || v >= nTerms) break;
        const lt = f(v);
        if (lt < top - NEGLIGIBLE_LOG) break;
        const t = Math.exp(lt - top);
        all += t;
        count++;
        if (k % 2 === 0) even += t;
      }
    }
    // Enough points across the bump, and step h agrees with step 2h: the trapezoid sum has converged.
    if (h === 1 || (count >= MIN_POINTS && Math.abs(2 * even - all) <= 1e-13 * all)) {
      return h * all * Math.exp(top);
    }
    h = Math.max(1, Math.floor(h / 4));
  }
}

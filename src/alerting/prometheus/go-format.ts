/**
 * The Go formatting that Prometheus' alert templates apply to `$value`, in TypeScript: the renderer
 * writes the levels the same way the templates print values, and the generated promtool tests need the
 * exact expanded annotations. Mirrors `template.go` (humanizeDuration, humanizePercentage) and Go's
 * fmt `%.4g` / `%.2f` / `%v` for float64.
 */

/** How a rule's description prints its value; the Go template pipeline for each. */
export const VALUE_FORMATS = {
  duration: '$value | humanizeDuration',
  percent: '$value | humanizePercentage',
  rate: 'printf "%.2f" $value',
  plain: '$value',
} as const;

export type ValueFormat = keyof typeof VALUE_FORMATS;

/** Go's `%.4g`: 4 significant digits, exponent form below 1e-4 or from 1e4, trailing zeros dropped. */
export function goG4(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const [mantissa, exp] = v.toExponential(3).split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 4) {
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${trimZeros(mantissa)}e${e < 0 ? '-' : '+'}${digits}`;
  }
  return trimZeros(v.toFixed(3 - e));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Prometheus' humanizeDuration: 0.25 -> "250ms", 90 -> "1m 30s", 2.5 -> "2.5s". */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goG4(v);
  if (v === 0) return '0s';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const whole = Math.trunc(a);
    const [s, m, h] = [whole % 60, Math.trunc(whole / 60) % 60, Math.trunc(whole / 3600) % 24];
    const days = Math.trunc(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${h}h ${m}m ${s}s`;
    if (h !== 0) return `${sign}${h}h ${m}m ${s}s`;
    if (m !== 0) return `${sign}${m}m ${s}s`;
    return `${sign}${goG4(a)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG4(v)}${prefix}s`;
}

/** Prometheus' humanizePercentage: 0.05 -> "5%". */
export function humanizePercentage(v: number): string {
  return `${goG4(v * 100)}%`;
}

/** Formats `v` as the template pipeline of `format` prints it. */
export function formatValue(v: number, format: ValueFormat): string {
  switch (format) {
    case 'duration':
      return humanizeDuration(v);
    case 'percent':
      return humanizePercentage(v);
    case 'rate':
      return v.toFixed(2);
    case 'plain':
      return goPlain(v);
  }
}

/** Go's `%v` of a float64 (strconv 'g', shortest): 1 -> "1", 1e21 -> "1e+21". */
function goPlain(v: number): string {
  const s = String(v);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

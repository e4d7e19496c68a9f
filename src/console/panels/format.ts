/** Number and time formatting shared by the panels and the plain-text status output. */

/** A 0-1 ratio as a percentage with one decimal; '—' when missing. */
export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`;
}

/** A number with up to `digits` decimals; '—' when missing. */
export function num(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return v.toExponential(1);
  return v.toFixed(digits).replace(/\.?0+$/, '');
}

/** Seconds shown in ms below 1 s ("87 ms", "1.2 s"); '—' when missing. */
export function secs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(1)} s`;
}

/** A short age: "4s", "3m", "2h", "5d". */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** A data age in buckets (<5s, <15s, <1m, then minutes/hours), so the header text changes rarely. */
export function coarseAge(ms: number): string {
  if (ms < 5000) return '<5s';
  if (ms < 15_000) return '<15s';
  if (ms < 60_000) return '<1m';
  return age(ms);
}

/** Cuts `text` to `width` columns with an ellipsis. */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Plain-text tables for the readable (non --json) output of one-shot commands. */

/** Formats rows under a header, each column padded to its widest cell; numbers right-aligned. */
export function textTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Formats a number for a table: up to 4 significant decimals, scientific when tiny. */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  if (n !== 0 && Math.abs(n) < 1e-4) return n.toExponential(2);
  return n.toFixed(4).replace(/\.?0+$/, '');
}

/** Formats a 0-1 ratio as a percentage. */
export function pct(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : `${(n * 100).toFixed(2)}%`;
}

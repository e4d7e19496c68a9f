/** Fits table rows into a width: cells are cut (widest column first) until the table fits. */
import { clip } from '../panels/format.js';
import type { Table } from '../panels/model.js';

/** ink-table draws each column with one space of padding either side and a border between columns. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((s, w) => s + w + 2, 0) + widths.length + 1;
}

/** The rows with cells clipped so the table is at most `width` columns wide. */
export function fitTable(input: Table, width: number): Table {
  // A column with no value in any row says nothing: leave it out.
  const kept = input.columns.filter(
    (c) => input.rows.length === 0 || input.rows.some((r) => (r[c] ?? '').trim() !== ''),
  );
  const table = { columns: kept, rows: input.rows };
  const widths = table.columns.map((c) => Math.max(c.length, ...table.rows.map((r) => (r[c] ?? '').length)));
  const min = table.columns.map((c) => Math.min(c.length, 4));
  // Free-text columns (the last one by default) give way first, down to 8 columns each.
  const flex = (input.flex ?? [table.columns.at(-1) ?? ''])
    .map((c) => table.columns.indexOf(c))
    .filter((i) => i > 0);
  for (const i of flex) {
    while (tableWidth(widths) > width && widths[i]! > Math.max(8, min[i]!)) widths[i]! -= 1;
  }
  while (tableWidth(widths) > width) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > min[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break;
    widths[widest]! -= 1;
  }
  const columns = table.columns.map((c, i) => clip(c, widths[i]!));
  const rows = table.rows.map((r) => {
    const out: Record<string, string> = {};
    table.columns.forEach((c, i) => {
      out[columns[i]!] = clip(r[c] ?? '', widths[i]!);
    });
    return out;
  });
  return { columns, rows };
}

const matches = (row: Record<string, string>, f: string) =>
  Object.values(row).some((v) => v.toLowerCase().includes(f));

/** Rows whose cells contain `filter` (case-insensitive); all rows when the filter is empty. */
export function filterRows(table: Table, filter: string): Table {
  const f = filter.trim().toLowerCase();
  if (f === '') return table;
  return { ...table, rows: table.rows.filter((r) => matches(r, f)) };
}

/** The items behind the rows `filterRows` keeps: `items[i]` is the item of `table.rows[i]`. */
export function filterItems<T>(items: readonly T[], table: Table | undefined, filter: string): T[] {
  const f = filter.trim().toLowerCase();
  if (f === '' || !table) return [...items];
  return items.filter((_, i) => table.rows[i] !== undefined && matches(table.rows[i]!, f));
}

/** A table with @alcalzone/ink-table, compacted to one line a row and fitted to a width and a height. */
import { Table } from '@alcalzone/ink-table';
import { Text } from 'ink';
import { memo, type PropsWithChildren, useMemo } from 'react';
import type { Table as TableModel } from '../panels/model.js';
import { filterRows, fitTable } from './fit-table.js';

// ink-table draws a rule above, below and between rows; on a 24-row terminal that halves what fits. Its
// skeleton component receives each rule piece, so rules render as nothing and the column bars stay.
const RULE = /^[─┌┬┐├┼┤└┴┘]+$/;
function Skeleton({ children }: PropsWithChildren) {
  return typeof children === 'string' && RULE.test(children) ? null : <Text dimColor>{children}</Text>;
}
function Header({ children }: PropsWithChildren) {
  return <Text bold>{children}</Text>;
}

/** Props: the table, the box, an optional filter and the selected row index. */
export interface DataTableProps {
  table: TableModel;
  width: number;
  height: number;
  filter?: string;
  /** Marks this row (of the filtered rows) with '›'. */
  selected?: number;
}

/** The table: a header line and as many rows as fit, then "… N more". */
export const DataTable = memo(function DataTable({
  table,
  width,
  height,
  filter = '',
  selected,
}: DataTableProps) {
  const view = useMemo(() => {
    const filtered = filterRows(table, filter);
    const marked =
      selected === undefined
        ? filtered
        : {
            columns: [' ', ...filtered.columns],
            rows: filtered.rows.map((r, i) => ({ ' ': i === selected ? '›' : ' ', ...r })),
          };
    const room = Math.max(0, height - 1);
    const more = marked.rows.length > room ? marked.rows.length - (room - 1) : 0;
    // keep the selected row in view
    const first =
      selected !== undefined && more > 0
        ? Math.max(0, Math.min(selected - (room - 2), marked.rows.length - (room - 1)))
        : 0;
    const rows = more > 0 ? marked.rows.slice(first, first + Math.max(0, room - 1)) : marked.rows;
    return { fitted: fitTable({ columns: marked.columns, rows }, width), more, total: filtered.rows.length };
  }, [table, width, height, filter, selected]);
  if (height <= 0) return null;
  if (view.total === 0) return <Text dimColor>{filter ? `  nothing matches /${filter}` : '  (none)'}</Text>;
  return (
    <>
      <Table data={view.fitted.rows} columns={view.fitted.columns} skeleton={Skeleton} header={Header} />
      {view.more > 0 ? <Text dimColor>{`  … ${view.more} more`}</Text> : null}
    </>
  );
});

/** One panel: a title line (state, key figures), an optional note, a chart and a table, in a fixed height. */
import { Box, Text } from 'ink';
import { memo, useContext } from 'react';
import type { PanelModel } from '../panels/model.js';
import { Chart } from './chart.js';
import { ColorContext } from './color.js';
import { DataTable } from './data-table.js';
import { summaryNote, summaryText } from './summary-text.js';
import { TextLine } from './text-line.js';

/** The panel's one-line summary: title, state, key figures (also the overview's collapsed form). */
export function SummaryLine({ model, stale }: { model: PanelModel; stale?: string | undefined }) {
  const color = useContext(ColorContext);
  return <TextLine text={summaryText(model, stale, color)} />;
}

/** Props: the model, the box, how many lines the chart takes (0: none), and table options. */
export interface PanelProps {
  model: PanelModel;
  width: number;
  height: number;
  chartHeight?: number;
  showTable?: boolean;
  filter?: string;
  selected?: number;
  /** "STALE unreachable 2m" when the panel's source is failing. */
  stale?: string | undefined;
}

/** The panel. Nothing it draws is taller than `height` or wider than `width`. */
export const Panel = memo(function Panel(p: PanelProps) {
  if (p.height <= 0) return null;
  // an UNKNOWN panel's note is on its summary line already
  const note = p.model.note && !summaryNote(p.model) && p.height >= 3 ? 1 : 0;
  const chart = Math.max(0, Math.min(p.chartHeight ?? 0, p.height - 1 - note));
  const table = p.showTable && p.model.table ? Math.max(0, p.height - 1 - note - chart) : 0;
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflowY="hidden">
      <SummaryLine model={p.model} stale={p.stale} />
      {note ? (
        <Text dimColor wrap="truncate">
          {`  ${p.model.note}`}
        </Text>
      ) : null}
      {chart > 0 ? <Chart model={p.model} width={p.width} height={chart} /> : null}
      {table > 0 && p.model.table ? (
        <DataTable
          table={p.model.table}
          width={p.width}
          height={table}
          {...(p.filter !== undefined ? { filter: p.filter } : {})}
          {...(p.selected !== undefined ? { selected: p.selected } : {})}
        />
      ) : null}
    </Box>
  );
});

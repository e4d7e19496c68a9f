/**
 * View 8: what happened to the alerts over the time range (`t`): pending, firing and resolved from
 * Prometheus' ALERTS and the engine, silences and acks, and runbook runs started from alerts; the same
 * events as `mmops alerts history`, newest first.
 */
import { Box, Text } from 'ink';
import { DataTable } from '../components/data-table.js';
import type { HistoryState } from '../data/history-deck.js';
import { age } from '../panels/format.js';
import type { Table } from '../panels/model.js';

/** Props: the deck's state (null before the first answer), its table, the box, the filter, the selection. */
export function History({
  state,
  table,
  width,
  height,
  filter,
  selected,
}: {
  state: HistoryState | null;
  table: Table;
  width: number;
  height: number;
  filter: string;
  selected: number;
}) {
  const h = state?.history;
  const errors = [
    ...(h?.errors.map((e) => `${e.source}: ${e.error}`) ?? []),
    ...(state?.error ? [state.error] : []),
  ];
  const shownErrors = errors.slice(0, 2);
  const head = h
    ? `${h.events.length} events over the last ${age(h.to - h.from)} (t changes the range), newest first`
    : state?.error
      ? 'no history source answered'
      : 'asking…';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{'History'.padEnd(18)}</Text>
        {head}
      </Text>
      {shownErrors.map((e) => (
        <Text key={e} wrap="truncate">{`  ✖ ${e}`}</Text>
      ))}
      {h && h.events.length === 0 ? (
        <Text dimColor>{'  no alert changed state in the range'}</Text>
      ) : h ? (
        <DataTable
          table={table}
          width={width}
          height={Math.max(0, height - 1 - shownErrors.length)}
          filter={filter}
          selected={selected}
        />
      ) : null}
    </Box>
  );
}

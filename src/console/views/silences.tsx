/** View 7: the silences and acks of Alertmanager and the engine; x expires the selected one, once y⏎ confirms it. */
import { Box, Text } from 'ink';
import { DataTable } from '../components/data-table.js';
import type { SilenceState } from '../silence/silence-deck.js';
import { silenceTable } from '../silence/silence-table.js';

/** Props: the deck's state (null before the first answer), the box, the filter, the selected row, now. */
export function Silences({
  state,
  width,
  height,
  filter,
  selected,
  now,
}: {
  state: SilenceState | null;
  width: number;
  height: number;
  filter: string;
  selected: number;
  now: number;
}) {
  const errors = (state?.errors ?? []).slice(0, 2);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{'Silences'.padEnd(18)}</Text>
        {state
          ? `${state.rows.length} active or pending  ·  x expires the selected one, after y⏎`
          : 'asking…'}
      </Text>
      {errors.map((e) => (
        <Text key={e} wrap="truncate">{`  ✖ ${e}`}</Text>
      ))}
      {state && state.rows.length === 0 ? (
        <Text dimColor>{'  no silences'}</Text>
      ) : state ? (
        <DataTable
          table={silenceTable(state.rows, now)}
          width={width}
          height={Math.max(0, height - 1 - errors.length)}
          filter={filter}
          selected={selected}
        />
      ) : null}
    </Box>
  );
}

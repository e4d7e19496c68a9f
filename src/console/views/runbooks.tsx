/** View 6: every runbook with its last run, and whether the daily, weekly and monthly routines are due. */
import { Box, Text } from 'ink';
import { useStateColor } from '../components/color.js';
import { DataTable } from '../components/data-table.js';
import { ROUTINE_TEXT, type RunbookListModel, routinePanelState } from '../runbooks/list-model.js';

function Routine({ r }: { r: RunbookListModel['routines'][number] }) {
  const state = routinePanelState(r.state);
  const color = useStateColor(state);
  const when = r.lastRun ? ` (last ${r.lastRun.at.slice(0, 16).replace('T', ' ')} ${r.lastRun.status})` : '';
  return (
    <Text>
      {`  ${r.kind} `}
      <Text color={state === 'ok' ? undefined : color} bold={state !== 'ok'}>
        {ROUTINE_TEXT[r.state]}
      </Text>
      {when}
    </Text>
  );
}

/** Props: the list model, the box, the filter and the selected row. */
export function Runbooks({
  model,
  errors,
  width,
  height,
  filter,
  selected,
}: {
  model: RunbookListModel;
  errors: string[];
  width: number;
  height: number;
  filter: string;
  selected: number;
}) {
  const shownErrors = errors.slice(0, Math.max(0, Math.min(2, height - 4)));
  const table = Math.max(0, height - 2 - shownErrors.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box width={width} height={1} overflow="hidden">
        <Text wrap="truncate">
          <Text bold>{'Runbooks'.padEnd(18)}</Text>
          {model.routines.map((r) => (
            <Routine key={r.kind} r={r} />
          ))}
        </Text>
      </Box>
      <Text dimColor wrap="truncate">
        {'  ⏎ opens the selected runbook to walk through it; each run is journalled (mmops runbook history)'}
      </Text>
      {shownErrors.map((e) => (
        <Text key={e} wrap="truncate">
          {`  ✖ ${e}`}
        </Text>
      ))}
      <DataTable table={model.table} width={width} height={table} filter={filter} selected={selected} />
    </Box>
  );
}

/** View 3: model scores against the reference, then latency, error rate and throughput over time. */
import { Box } from 'ink';
import { Panel } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import { columns, split } from './layout.js';
import type { ViewProps } from './view-props.js';

/** Performance. */
export function Performance({ store, width, height, filter }: ViewProps) {
  const m = useStore(store, (s) => s.models);
  const stale = useStore(store, (s) => s.stale.data) ?? undefined;
  // The scores take what their table needs (title, header, four metrics) and the charts the rest: a third
  // of the body left seven blank lines under the scores while the error types showed a header and "… 3 more"
  const perf = Math.min(height, 7);
  const side = width >= 120;
  const [top = 0, bottom = 0] = split(height - perf, [1, 1]);
  const w = columns(width, 2);
  // the error types (topk 5) under their chart: the header and every type, the chart keeping 5 lines
  const errorTable = Math.min(1 + (m.errors.table?.rows.length ?? 0), 6, Math.max(0, bottom - 6));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Panel model={m.performance} width={width} height={perf} showTable stale={stale} />
      {side ? (
        <>
          <Panel model={m.latency} width={width} height={top} chartHeight={top - 1} />
          <Box flexDirection="row" height={bottom}>
            <Box marginRight={1}>
              <Panel
                model={m.errors}
                width={w[0] ?? width}
                height={bottom}
                chartHeight={bottom - 1 - errorTable}
                showTable
                filter={filter}
              />
            </Box>
            <Panel model={m.throughput} width={w[1] ?? width} height={bottom} chartHeight={bottom - 1} />
          </Box>
        </>
      ) : (
        <>
          <Panel model={m.latency} width={width} height={top} chartHeight={top - 1} />
          <Panel model={m.errors} width={width} height={bottom} chartHeight={bottom - 1} />
        </>
      )}
    </Box>
  );
}

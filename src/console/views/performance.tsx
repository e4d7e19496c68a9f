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
  const [perf = 0, charts = 0] = split(height, [1, 2], [Math.min(height, 6), 0]);
  const side = width >= 120;
  const [top = 0, bottom = 0] = split(charts, [1, 1]);
  const w = columns(width, 2);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Panel model={m.performance} width={width} height={Math.min(perf, 7)} showTable stale={stale} />
      {perf > 7 ? <Box height={perf - 7} /> : null}
      {side ? (
        <>
          <Panel model={m.latency} width={width} height={top} chartHeight={top - 1} />
          <Box flexDirection="row" height={bottom}>
            <Box marginRight={1}>
              <Panel
                model={m.errors}
                width={w[0] ?? width}
                height={bottom}
                chartHeight={bottom - 3}
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

/** View 4: this host, the engine's host and the fleet (node-exporter), with the CPU trend. */
import { Box } from 'ink';
import { Panel } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import type { ViewProps } from './view-props.js';

/** Resources. */
export function Resources({ store, width, height, filter }: ViewProps) {
  const model = useStore(store, (s) => s.models.resources);
  const stale = useStore(store, (s) => s.stale.data) ?? undefined;
  const rows = model.table?.rows.length ?? 0;
  const table = Math.min(rows + 1, Math.max(2, height - 6));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Panel
        model={model}
        width={width}
        height={height}
        chartHeight={Math.max(0, height - 1 - table)}
        showTable
        filter={filter}
        stale={stale}
      />
    </Box>
  );
}

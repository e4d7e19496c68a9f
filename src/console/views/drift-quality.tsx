/** View 2: the quality score's trend and the per-feature drift table. */
import { Box } from 'ink';
import { Panel } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import { split } from './layout.js';
import type { ViewProps } from './view-props.js';

/** Drift & quality. */
export function DriftQuality({ store, width, height, filter }: ViewProps) {
  const quality = useStore(store, (s) => s.models.quality);
  const drift = useStore(store, (s) => s.models.drift);
  const stale = useStore(store, (s) => s.stale.data) ?? undefined;
  const [q = 0, d = 0] = split(height, [2, 3], [1, 2]);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Panel model={quality} width={width} height={q} chartHeight={q - 1} stale={stale} />
      <Panel model={drift} width={width} height={d} showTable filter={filter} stale={stale} />
    </Box>
  );
}

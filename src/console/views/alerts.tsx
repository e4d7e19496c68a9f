/** View 5: every alert, merged and ordered; ↑/↓ select, Enter opens its runbook, s silences it. */
import { Panel } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import type { ViewProps } from './view-props.js';

/** Alerts. */
export function Alerts({ store, width, height, filter, selected }: ViewProps) {
  const model = useStore(store, (s) => s.models.alerts);
  const stale = useStore(store, (s) => s.stale.alerts) ?? undefined;
  return (
    <Panel
      model={model}
      width={width}
      height={height}
      showTable
      filter={filter}
      selected={selected}
      stale={stale}
    />
  );
}

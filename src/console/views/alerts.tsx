/** View 5: every alert, merged, ordered and grouped; ↑/↓ select, ⏎ opens its runbook (or a group), d its detail. */
import { Panel } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import type { ViewProps } from './view-props.js';

/** Alerts. */
export function Alerts({ store, width, height, filter, selected, alerts }: ViewProps) {
  const stored = useStore(store, (s) => s.models.alerts);
  const model = alerts ?? stored;
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

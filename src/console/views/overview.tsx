/** View 1: every panel's summary line, the latency (and error-rate) chart, and the alerts; each title once. */
import { Box } from 'ink';
import { Panel, SummaryLine } from '../components/panel.js';
import { useStore } from '../hooks/use-store.js';
import { PANEL_ORDER } from '../panels/build.js';
import { columns, overviewPlan } from './layout.js';
import type { ViewProps } from './view-props.js';

/** The panels the overview charts, in order (the second only when two fit side by side). */
const CHARTED = ['latency', 'errors'] as const;

/** The overview. */
export function Overview({ store, width, height, filter, selected, alerts }: ViewProps) {
  const models = useStore(store, (s) => s.models);
  const stale = useStore(store, (s) => s.stale);
  const plan = overviewPlan(width, height);
  const charted = CHARTED.slice(0, plan.charts);
  // Each panel's title line appears once: the charted panels and the alerts have theirs in their own box.
  const listed = PANEL_ORDER.filter(
    (k) => !(charted as readonly string[]).includes(k) && !(k === 'alerts' && plan.alerts > 0),
  ).map((k) => models[k]);
  const half = columns(width, 2);
  const perColumn = Math.ceil(listed.length / 2);
  const summaryRows = plan.twoCol ? [listed.slice(0, perColumn), listed.slice(perColumn)] : [listed];
  const chartWidths = columns(width, plan.charts);
  const chartModels = charted.map((k) => models[k]);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Box flexDirection="row" height={plan.summary}>
        {summaryRows.map((col, ci) => (
          <Box
            key={col[0]?.id ?? ci}
            flexDirection="column"
            width={plan.twoCol ? half[ci] : width}
            marginRight={plan.twoCol && ci === 0 ? 1 : 0}
          >
            {col.slice(0, plan.summary).map((m) => (
              <SummaryLine
                key={m.id}
                model={m}
                stale={m.id === 'alerts' ? (stale.alerts ?? undefined) : (stale.data ?? undefined)}
              />
            ))}
          </Box>
        ))}
      </Box>
      {plan.chart > 0 ? (
        <Box flexDirection="row" height={plan.chart}>
          {chartModels.map((m, i) => (
            <Box key={m.id} marginRight={i < chartModels.length - 1 ? 1 : 0}>
              <Panel
                model={m}
                width={chartWidths[i] ?? width}
                height={plan.chart}
                chartHeight={plan.chart - 1}
              />
            </Box>
          ))}
        </Box>
      ) : null}
      {plan.alerts > 0 ? (
        <Panel
          model={alerts ?? models.alerts}
          width={width}
          height={plan.alerts}
          showTable
          filter={filter}
          selected={selected}
          stale={stale.alerts ?? undefined}
        />
      ) : null}
    </Box>
  );
}

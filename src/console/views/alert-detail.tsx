/** The detail pane (`d` on an alert): its lines, scrolled by ↑↓; ⏎ opens its runbook, Esc or d closes it. */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { wrapWords } from '../components/keys.js';
import { type DetailSources, detailInput } from '../data/detail-input.js';
import { detailLines } from '../panels/alert-detail.js';
import type { MergedAlert } from '../panels/alerts.js';

/** Props: the detail's lines (panels/alert-detail.ts), the box, and the first line shown. */
export function AlertDetail({
  lines,
  width,
  height,
  top,
}: {
  lines: readonly string[];
  width: number;
  height: number;
  top: number;
}) {
  const room = Math.max(0, height - 1);
  const first = Math.max(0, Math.min(top, lines.length - room));
  const shown = lines.slice(first, first + room);
  const more = lines.length > first + room ? `  ↓ ${lines.length - first - room} more` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{'Alert detail'.padEnd(18)}</Text>
        {`⏎ runbook  ↑↓ scroll  Esc/d close${more}`}
      </Text>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, redrawn whole
        <Text key={first + i} wrap="truncate" bold={first + i === 0}>
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** The pane over one alert: gathers its detail from what the console holds (data/detail-input.ts). */
export function AlertDetailPane({
  alert,
  sources,
  width,
  height,
  top,
}: {
  alert: MergedAlert;
  sources: DetailSources;
  width: number;
  height: number;
  top: number;
}) {
  // long lines (descriptions, rules, silence comments) wrap under their indent rather than being cut
  const lines = useMemo(
    () =>
      detailLines(detailInput(alert, sources)).flatMap((l) => {
        const indent = ' '.repeat(Math.min(8, l.length - l.trimStart().length + 2));
        return wrapWords(l.trimStart(), Math.max(20, width - indent.length)).map((w, i) =>
          i === 0 ? `${l.slice(0, l.length - l.trimStart().length)}${w}` : `${indent}${w}`,
        );
      }),
    [alert, sources, width],
  );
  return <AlertDetail lines={lines} width={width} height={height} top={top} />;
}

/** An asciichart of fixed size with its legend and time axis: `height` lines, never wider than `width`. */
import asciichart from 'asciichart';
import { Box, Text } from 'ink';
import { memo, useContext, useMemo } from 'react';
import type { PanelModel } from '../panels/model.js';
import { chartLines } from './chart-lines.js';
import { ChartRangeContext } from './chart-range.js';
import { ColorContext } from './color.js';
import { TextLine } from './text-line.js';

const SERIES_COLORS = [asciichart.cyan, asciichart.blue, asciichart.magenta];
const LEVEL_COLORS = [asciichart.yellow, asciichart.red];

/** Props: the panel's series, levels and unit, and the box to fill. */
export interface ChartProps {
  model: PanelModel;
  width: number;
  height: number;
}

/** The chart; "no data" when there is nothing to draw yet. */
export const Chart = memo(function Chart({ model, width, height }: ChartProps) {
  const color = useContext(ColorContext);
  const rangeSeconds = useContext(ChartRangeContext);
  const lines = useMemo(() => {
    const colors = color
      ? [...SERIES_COLORS.slice(0, model.series.length), ...(model.levels ? LEVEL_COLORS : [])]
      : undefined;
    return chartLines(model.series, {
      width,
      height,
      unit: model.unit,
      levels: model.levels,
      ...(colors ? { colors } : {}),
      ...(rangeSeconds ? { rangeSeconds } : {}),
    });
    // the series, not the model: the model's figures change every refresh, its series once a step
  }, [model.series, model.levels, model.unit, width, height, color, rangeSeconds]);
  if (height <= 0) return null;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {lines.length === 0 ? (
        <Text dimColor>{'  no data to chart yet'}</Text>
      ) : (
        lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a chart line is its row
          <TextLine key={i} text={l} />
        ))
      )}
    </Box>
  );
});

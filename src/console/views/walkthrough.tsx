/** The walkthrough: the steps on the left, the selected step's command and live output on the right. */
import { Box, Text } from 'ink';
import { useStateColor } from '../components/color.js';
import { useSource } from '../hooks/use-source.js';
import { stepDocument } from '../runbooks/walk-doc.js';
import { type PaneLine, walkPanes } from '../runbooks/walk-model.js';
import type { Walk } from '../runbooks/walk-store.js';
import { OutputReader, readerBox } from './output-reader.js';

function Line({ line }: { line: PaneLine }) {
  const color = useStateColor(line.state ?? 'ok');
  return (
    <Text
      wrap="truncate"
      bold={line.bold ?? false}
      dimColor={line.dim ?? false}
      color={line.state && line.state !== 'ok' && line.state !== 'unknown' ? color : undefined}
    >
      {line.text || ' '}
    </Text>
  );
}

function Pane({ lines, width, height }: { lines: PaneLine[]; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a pane is redrawn as a whole list of lines
        <Line key={i} line={l} />
      ))}
    </Box>
  );
}

/** Props: the walkthrough and the body's box. */
export function Walkthrough({ walk, width, height }: { walk: Walk; width: number; height: number }) {
  const state = useSource(walk) ?? walk.getState();
  // the reader's keys page by the box it is drawn in
  walk.readerBox = readerBox(width, height);
  const step = state.steps[state.readerStep];
  if (state.reader && step)
    return (
      <OutputReader
        reader={state.reader}
        doc={stepDocument(step)}
        title={`${state.runbook.title} › step ${step.step.index + 1}: ${step.step.title}`}
        width={width}
        height={height}
      />
    );
  const panes = walkPanes(state, width, height);
  return (
    <Box flexDirection="row" width={width} height={height} overflow="hidden">
      <Pane lines={panes.left} width={panes.leftWidth} height={height} />
      <Box width={3} height={height} flexDirection="column" overflow="hidden">
        {Array.from({ length: height }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed column of rule characters
          <Text key={i} dimColor>
            {' │ '}
          </Text>
        ))}
      </Box>
      <Pane lines={panes.right} width={panes.rightWidth} height={height} />
    </Box>
  );
}

/** The walkthrough's full-screen output reader: a title, the document's rows, a status line. */
import { Box, Text } from 'ink';
import { useStateColor } from '../components/color.js';
import { clip } from '../panels/format.js';
import type { DocLine, Reader, ShownRow } from '../runbooks/walk-output.js';
import { readerFrame } from '../runbooks/walk-output.js';

function Row({ row }: { row: ShownRow }) {
  return (
    <Text wrap="truncate" dimColor={row.dim} bold={row.bold}>
      {row.pieces.length === 0 ? ' ' : null}
      {row.pieces.map((p, i) =>
        p.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's pieces are redrawn as a whole
          <Text key={i} inverse underline={p.match === 'current'} bold={p.match === 'current'}>
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}

/** Props: the reader's state, the step's document, its title and the box. */
export function OutputReader({
  reader,
  doc,
  title,
  width,
  height,
}: {
  reader: Reader;
  doc: readonly DocLine[];
  title: string;
  width: number;
  height: number;
}) {
  const accent = useStateColor('warning');
  // the rows column keeps one column for the "›" that marks a line going on past the right edge
  const box = readerBox(width, height);
  const frame = readerFrame(reader, doc, box);
  const status = reader.note ? `${frame.position}  · ${reader.note}` : frame.position;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate" bold>
        {clip(title, width)}
      </Text>
      {frame.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen
        <Box key={i} width={width} height={1}>
          <Box width={box.width} height={1} overflow="hidden">
            <Row row={row} />
          </Box>
          <Text color={accent} dimColor={!accent}>
            {row.more ? '›' : ' '}
          </Text>
        </Box>
      ))}
      {Array.from({ length: box.height - frame.rows.length }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: filler rows
        <Text key={`f${i}`}> </Text>
      ))}
      <Text wrap="truncate" inverse>
        {clip(` ${status} `, width)}
      </Text>
    </Box>
  );
}

/** The reader's box for a body of `width` x `height` (what `walk.readerBox` must be). */
export function readerBox(width: number, height: number) {
  return { width: Math.max(1, width - 1), height: Math.max(1, height - 2) };
}

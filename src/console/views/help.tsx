/** The `?` overlay: every key with what it does, compact when the body is too short for all (help-lines.ts). */
import { Box, Text } from 'ink';
import { helpLines } from './help-lines.js';

/** The help overlay. */
export function Help({ width, height }: { width: number; height: number }) {
  const lines = helpLines(width, height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the help is a fixed list of lines
        <Text key={i} wrap="truncate" bold={i === 0}>
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** The `?` overlay: every key with what it does, compact when the body is too short for all (help-lines.ts). */
import { Box, Text } from 'ink';
import { type EndpointInUse, endpointHelpLines } from '../components/dependency-line.js';
import { helpLines } from './help-lines.js';

/** The help overlay. */
export function Help({
  width,
  height,
  endpoints = [],
  offset = 0,
}: {
  width: number;
  height: number;
  /** How far the descriptions are scrolled (a terminal too short for all of them). */
  offset?: number;
  /** The URLs in use and whether the running demo gave them (issue 12, point 7). */
  endpoints?: readonly EndpointInUse[];
}) {
  const lines = helpLines(width, height, endpointHelpLines(endpoints), offset);
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

/** The `?` overlay: every key with what it does, cut to the body's height. */
import { Box, Text } from 'ink';
import { type EndpointInUse, endpointHelpLines } from '../components/dependency-line.js';
import { helpKeyLines, wrapWords } from '../components/keys.js';
import { STATE_TEXT } from '../panels/state.js';

/** The help overlay. */
export function Help({
  width,
  height,
  endpoints = [],
}: {
  width: number;
  height: number;
  /** The URLs in use and whether the running demo gave them (issue 12, point 7). */
  endpoints?: readonly EndpointInUse[];
}) {
  const para = (text: string) => wrapWords(text, width - 4).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`));
  const lines = [
    'mmops console — keys (? or Esc closes)',
    '',
    // first: which stack this console looks at (a demo on other ports was invisible, issue 12 point 7)
    ...(endpoints.length ? [...endpointHelpLines(endpoints), ''] : []),
    ...helpKeyLines(width),
    '',
    ...para(
      'walkthrough (⏎ on an alert or a runbook): ⏎ run the step (then ⏎ moves on), a run the remaining steps (stops at the first FAIL), r retry, s skip, n note, ↑↓ choose a step, Esc close and journal',
    ),
    '',
    ...para(`states: ${Object.values(STATE_TEXT).join('   ')}`),
    ...para('routines d/w/m: ✔ done in time  ▲ due (or never run)  ✖ overdue'),
    ...para('STALE <reason> <age>: the source is failing; the panel shows its last data'),
  ].slice(0, height);
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

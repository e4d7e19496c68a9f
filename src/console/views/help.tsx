/** The `?` overlay: every key with what it does, cut to the body's height. */
import { Box, Text } from 'ink';
import { KEYS } from '../components/keys.js';
import { STATE_TEXT } from '../panels/state.js';

/** The help overlay. */
export function Help({ width, height }: { width: number; height: number }) {
  const lines = [
    'mmops console — keys (any key closes)',
    '',
    ...KEYS.map(([k, , long]) => `  ${k.padEnd(7)} ${long}`),
    '',
    '  walkthrough (⏎ on an alert or a runbook): ⏎ run the step (then ⏎ moves on), a run the remaining',
    '    steps (stops at the first FAIL), r retry, s skip, n note, ↑↓ choose a step, Esc close and journal',
    '',
    `  states: ${Object.values(STATE_TEXT).join('   ')}`,
    '  routines d/w/m: ✔ done in time  ▲ due (or never run)  ✖ overdue',
    '  STALE <reason> <age>: the source is failing; the panel shows its last data',
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

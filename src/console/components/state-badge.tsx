/** A state as symbol + word, coloured when colour is on: "✔ OK", "▲ WARN", "✖ CRIT", "? UNKNOWN". */
import { Text } from 'ink';
import { type PanelState, STATE_TEXT } from '../panels/state.js';
import { useStateColor } from './color.js';

/** The badge. */
export function StateBadge({ state, bold }: { state: PanelState; bold?: boolean }) {
  const color = useStateColor(state);
  return (
    <Text color={color} bold={bold ?? state !== 'ok'}>
      {STATE_TEXT[state]}
    </Text>
  );
}

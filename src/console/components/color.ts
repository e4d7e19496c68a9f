/** Whether colour is on (off for NO_COLOR and --no-color); states never rely on it alone. */
import { createContext, useContext } from 'react';
import { type PanelState, STATE_COLOR } from '../panels/state.js';

/** Provided by the app; true means colours may be used. */
export const ColorContext = createContext(true);

/** The colour for a state, or undefined when colour is off. */
export function useStateColor(state: PanelState): string | undefined {
  return useContext(ColorContext) ? STATE_COLOR[state] : undefined;
}

/** True when the environment or argv turns colour off (https://no-color.org). */
export function colorDisabled(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): boolean {
  return (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || argv.includes('--no-color');
}

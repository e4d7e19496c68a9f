/** `mmops check quality`: placeholder until the quality core lands. */
import type { Command } from 'commander';

/** Runs `check quality`. */
export async function run(_opts: unknown, _cmd: Command): Promise<number> {
  return 0;
}

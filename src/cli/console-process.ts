/**
 * Settings for a process that runs the console alone (`mmops console`, either path; not `mmops demo`,
 * whose process also runs the engine and the simulator), made before the console loads.
 */
import { setFlagsFromString } from 'node:v8';

/** React's production build, and V8 without its optimising compilers. */
export function asConsoleProcess(): void {
  // React's development build is several times slower and bigger; a console on a production host wants neither.
  // biome-ignore lint/complexity/useLiteralKeys: the bundler replaces process.env.NODE_ENV, not this form
  process.env['NODE_ENV'] ??= 'production';
  // The console does a few milliseconds of JavaScript every 2 s. TurboFan kept compiling (and dropping)
  // optimised code for it on its helper threads long after the start, for more CPU than the code saved.
  // With V8's baseline compiler as the top tier (Sparkplug: 1; not 2, which lets Maglev in, on by default
  // from Node 22; on Node 20 both measured the same), a console used 0.68 % of a core against 0.76 % (5 to
  // 10 minutes after the start) and 0.71-0.76 % against 0.86-0.93 % (0.5 to 2.5 minutes), side by side on
  // one demo, and 4 MB less RSS (bench/README.md, "Console", sixth session). The flag is read when V8
  // decides to tier a function up, so setting it at run time holds from then on (--single-threaded-gc, by
  // contrast, crashes V8 when set at run time).
  setFlagsFromString('--max-opt=1');
}

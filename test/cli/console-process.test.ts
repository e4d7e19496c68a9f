/**
 * A console's process keeps V8 to its baseline compiler (cli/console-process.ts). The flag is set at run
 * time, which Node documents as V8's business: this checks, in a real node process, that V8 honours it (a
 * hot function is left at Sparkplug, where without it TurboFan takes it), so a Node upgrade that ignores
 * the flag fails here rather than quietly costing the bench its saving.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../dist/cli/console-process.js', import.meta.url));

// V8's %GetOptimizationStatus bits (src/runtime/runtime-test.cc, OptimizationStatus)
const MAGLEVVED = 1 << 5;
const TURBOFANNED = 1 << 6;
const BASELINE = 1 << 15;

/** The status of a hot function after 300,000 calls, in a process that did (or not) call asConsoleProcess. */
function hotStatus(asConsole: boolean): { status: number; env: string | undefined } {
  const script = `
    const { asConsoleProcess } = await import(${JSON.stringify(MODULE)});
    if (${asConsole}) asConsoleProcess();
    function f(x) { let s = 0; for (let i = 0; i < 50; i++) s += Math.sqrt(x + i); return s; }
    let t = 0;
    for (let i = 0; i < 3e5; i++) t += f(i);
    // TurboFan compiles on a helper thread: call on until it has landed, for 5 s at most (1 s where it
    // should never land: that is several times what it takes without the flag)
    const until = Date.now() + (${asConsole} ? 1000 : 5000);
    while (Date.now() < until && !(%GetOptimizationStatus(f) & ${TURBOFANNED})) {
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 1e4; i++) t += f(i);
    }
    console.log(JSON.stringify({ status: %GetOptimizationStatus(f), env: process.env.NODE_ENV }));`;
  const out = execFileSync(
    process.execPath,
    ['--allow-natives-syntax', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    },
  );
  return JSON.parse(out);
}

describe('asConsoleProcess', () => {
  it('leaves hot code at the baseline tier, where plain Node optimises it with TurboFan', () => {
    const plain = hotStatus(false);
    expect(plain.status & TURBOFANNED, `status ${plain.status}`).not.toBe(0);
    const tiered = hotStatus(true);
    expect(tiered.status & (TURBOFANNED | MAGLEVVED), `status ${tiered.status}`).toBe(0);
    expect(tiered.status & BASELINE, `status ${tiered.status}`).not.toBe(0);
    expect(tiered.env).toBe('production');
  });
});

/** Starts the real `mmops` binary as a long-running process (engine, simulate) and waits for its banner. */
import { execa, type ResultPromise } from 'execa';
import { BIN, ROOT } from '../../helpers/run-cli.js';

/** A started process and what it printed. */
export interface Running {
  child: ResultPromise;
  out: () => string;
  err: () => string;
}

/** Spawns `mmops ...args` with a clean environment plus `env`. */
export function spawnMmops(args: string[], env: Record<string, string>): Running {
  const child = execa(process.execPath, [BIN, ...args], {
    env,
    extendEnv: false,
    cwd: ROOT,
    reject: false,
    stdin: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return { child, out: () => out, err: () => err };
}

/** Starts `mmops engine ...` and resolves with its URL once it prints "listening on". */
export async function startEngineBinary(
  args: string[],
  env: Record<string, string>,
): Promise<Running & { url: string }> {
  const r = spawnMmops(['engine', ...args], env);
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const m = /listening on (http:\/\/\S+)/.exec(r.out());
    if (m) return { ...r, url: m[1]! };
    if (r.child.exitCode !== null) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  r.child.kill('SIGKILL');
  throw new Error(`engine did not start: ${r.err()}`);
}

/** Polls an async check until it returns true or `timeoutMs` passes. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

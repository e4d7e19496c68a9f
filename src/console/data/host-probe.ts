/** This host's CPU, memory and disk from systeminformation (imported on first use: it is slow to load). */
import { hostname } from 'node:os';
import type { SourceResult } from '../../sources/index.js';
import type { HostUsage } from '../panels/resources.js';

/** One reading of this host; GPU is left to the engine (nvidia-smi is too slow to call every refresh). */
export async function probeHost(): Promise<SourceResult<HostUsage>> {
  try {
    const si = (await import('systeminformation')).default;
    const [load, mem, fs] = await Promise.all([si.currentLoad(), si.mem(), si.fsSize()]);
    const root = fs.find((f) => f.mount === '/') ?? fs[0];
    return {
      ok: true,
      fetchedAt: Date.now(),
      data: {
        host: `${hostname()} (here)`,
        cpu: load.currentLoad / 100,
        memory: mem.total > 0 ? (mem.total - mem.available) / mem.total : null,
        disk: root && root.size > 0 ? root.used / root.size : null,
        gpu: null,
      },
    };
  } catch (err) {
    return { ok: false, kind: 'bad-response', error: err instanceof Error ? err.message : String(err) };
  }
}

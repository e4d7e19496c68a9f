/**
 * This host's CPU, memory and disk from the kernel's own counters (node:os, statfs): no child process and
 * no systeminformation (which spawns a process per reading and costs the console 50 ms and megabytes to
 * load). CPU is the busy share of all cores between two readings, as top computes it.
 */
import { statfs } from 'node:fs/promises';
import { cpus, freemem, hostname, totalmem } from 'node:os';
import type { SourceResult } from '../../sources/index.js';
import type { HostUsage } from '../panels/resources.js';

/** Summed CPU times over every core, ms. */
interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** The busy share between two readings; null when no time passed. */
function cpuShare(a: CpuTimes, b: CpuTimes): number | null {
  const total = b.total - a.total;
  return total > 0 ? Math.min(1, Math.max(0, (b.busy - a.busy) / total)) : null;
}

let previous: CpuTimes | null = null;

/** One reading of this host; GPU is left to the engine (nvidia-smi is too slow to call every refresh). */
export async function probeHost(): Promise<SourceResult<HostUsage>> {
  try {
    if (!previous) {
      // the first reading needs a short interval of its own
      previous = cpuTimes();
      await new Promise((r) => setTimeout(r, 250));
    }
    const now = cpuTimes();
    const cpu = cpuShare(previous, now);
    previous = now;
    const total = totalmem();
    const fs = await statfs('/').catch(() => null);
    // used / (used + available to users), as df's Use% computes it
    const used = fs ? (fs.blocks - fs.bfree) * fs.bsize : 0;
    const avail = fs ? fs.bavail * fs.bsize : 0;
    return {
      ok: true,
      fetchedAt: Date.now(),
      data: {
        host: `${hostname()} (here)`,
        cpu,
        // os.freemem() is MemAvailable on Linux (libuv), what systeminformation's mem().available read
        memory: total > 0 ? (total - freemem()) / total : null,
        disk: used + avail > 0 ? used / (used + avail) : null,
        gpu: null,
      },
    };
  } catch (err) {
    return { ok: false, kind: 'bad-response', error: err instanceof Error ? err.message : String(err) };
  }
}

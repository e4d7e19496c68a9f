/** Network byte counters: /proc/net/dev on Linux (one file read), systeminformation elsewhere. */
import { readFileSync } from 'node:fs';
import type { NetworkCounters } from './types.js';

// Loopback is excluded: the model service posting records to the engine on 127.0.0.1 would be counted
// twice (once each way) and say nothing about the host's network. psutil's net_io_counters() includes it.
const LOOPBACK = /^lo\d*$/;

/** Sums the receive and transmit bytes of /proc/net/dev's text over non-loopback interfaces; null if unparsable. */
export function parseNetDev(text: string): NetworkCounters | null {
  let rxBytes = 0;
  let txBytes = 0;
  let seen = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue; // the two header lines have no colon
    const iface = line.slice(0, colon).trim();
    // Fields after the colon: 8 receive columns (bytes first), then 8 transmit columns (bytes first).
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    const rx = Number(fields[0]);
    const tx = Number(fields[8]);
    if (!Number.isFinite(rx) || !Number.isFinite(tx)) continue;
    seen += 1;
    if (LOOPBACK.test(iface)) continue;
    rxBytes += rx;
    txBytes += tx;
  }
  return seen > 0 ? { rxBytes, txBytes } : null;
}

/** Sums systeminformation's networkStats('*') rows over non-loopback interfaces; null for an empty list. */
export function sumNetworkStats(
  rows: readonly { iface: string; rx_bytes: number; tx_bytes: number }[],
): NetworkCounters | null {
  const counted = rows.filter((r) => Number.isFinite(r.rx_bytes) && Number.isFinite(r.tx_bytes));
  if (counted.length === 0) return null;
  const external = counted.filter((r) => !LOOPBACK.test(r.iface));
  return {
    rxBytes: external.reduce((sum, r) => sum + r.rx_bytes, 0),
    txBytes: external.reduce((sum, r) => sum + r.tx_bytes, 0),
  };
}

/**
 * Reads the host's counters from /proc/net/dev (cheap enough for every scrape); null where there is none.
 * Read synchronously by default: procfs is generated in memory and never waits on a disk, while an async
 * read queues in libuv's thread pool behind the event log's fsyncs and would tie scrape time to disk latency.
 */
export async function readNetworkCounters(
  readText: (path: string) => string | Promise<string> = (p) => readFileSync(p, 'utf8'),
): Promise<NetworkCounters | null> {
  try {
    return parseNetDev(await readText('/proc/net/dev'));
  } catch {
    return null; // not Linux, or /proc not mounted
  }
}

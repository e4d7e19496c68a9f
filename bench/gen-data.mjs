#!/usr/bin/env node
// Writes the benchmark frames as raw little-endian float64, column-major, so Node and numpy read the
// very same numbers with no parsing: bench/data/{reference,current}.f64 plus meta.json.
// Reference: 20 standard-normal columns. Current: the same with a mean shift of 0.05 on every 4th column.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const cols = Number(process.env.BENCH_COLS ?? 20);
const dir = join(import.meta.dirname, 'data');
const metaFile = join(dir, 'meta.json');
if (existsSync(metaFile)) {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  if (meta.rows === rows && meta.cols === cols) process.exit(0);
}
mkdirSync(dir, { recursive: true });

// xorshift128+ and Box-Muller: seeded and fast, so reruns give identical files.
let s0 = 0x9e3779b97f4a7c15n;
let s1 = 0xbf58476d1ce4e5b9n;
const M = (1n << 64n) - 1n;
function nextU64() {
  let x = s0;
  const y = s1;
  s0 = y;
  x = (x ^ (x << 23n)) & M;
  s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
  return (s1 + y) & M;
}
// BigInt is slow; seed a fast 32-bit generator per column from it instead.
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normalColumn(seed, shift) {
  const rand = mulberry32(seed);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i += 2) {
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v) + shift;
    if (i + 1 < rows) out[i + 1] = r * Math.sin(2 * Math.PI * v) + shift;
  }
  return out;
}
for (const [name, shifted] of [
  ['reference', false],
  ['current', true],
]) {
  const fd = openSync(join(dir, `${name}.f64`), 'w');
  for (let c = 0; c < cols; c++) {
    const col = normalColumn(Number(nextU64() & 0xffffffffn), shifted && c % 4 === 0 ? 0.05 : 0);
    writeSync(fd, new Uint8Array(col.buffer));
  }
  closeSync(fd);
}
writeFileSync(
  metaFile,
  JSON.stringify({ rows, cols, columns: Array.from({ length: cols }, (_, i) => `f${i}`) }),
);
console.error(`bench: wrote ${rows} x ${cols} to ${dir}`);

/** The fixed instrument universe the demo market trades: the same for every seed. */
import { createRng } from './rng.js';

/** The asset classes records carry in `asset_class` (a Prometheus label, so a short fixed list). */
export const ASSET_CLASSES = ['equity', 'fx', 'commodity', 'crypto'] as const;
/** One of ASSET_CLASSES. */
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** One tradable instrument and the constants of its price process. */
export interface Instrument {
  symbol: string;
  assetClass: AssetClass;
  /** The level the log price reverts to. */
  anchorPrice: number;
  /** Per-bar standard deviation of the log return in the calm regime. */
  sigma: number;
  /** Median bar volume in the calm regime. */
  baseVolume: number;
  /** Median market bid-ask spread in basis points in the calm regime. */
  baseSpreadBps: number;
  /** The widest spread our quotes may show, in basis points (the spread_limit of each record). */
  spreadLimitBps: number;
}

/** How many instruments trade. */
export const UNIVERSE_SIZE = 2048;

// Per class: volatility multiplier and spread multiplier. fx is tight and calm, crypto wide and wild.
const CLASS_TRAITS: Readonly<Record<AssetClass, { vol: number; spread: number }>> = {
  equity: { vol: 1, spread: 1 },
  fx: { vol: 0.6, spread: 0.5 },
  commodity: { vol: 1.2, spread: 1.3 },
  crypto: { vol: 1.6, spread: 2 },
};

const BASE_SIGMA = 0.002; // 20 bps a bar
// A fixed seed, not --seed: the reference set and every live run must describe the same market, else
// a fresh seed alone would look like drift in price levels.
const UNIVERSE_SEED = 0x5eed_2026;

/**
 * Why many instruments: bars of one instrument are strongly autocorrelated (rsi_14 and ma_ratio_10_30
 * look back 14 and 30 bars), so a window of one instrument's bars is not a fair sample and drift tests
 * (which assume independent rows) would fire in normal mode. Cycling through 128 instruments makes a
 * window of a few thousand records a near-independent sample of the stationary distribution.
 */
function buildUniverse(): readonly Instrument[] {
  const rng = createRng(UNIVERSE_SEED);
  const out: Instrument[] = [];
  for (let i = 0; i < UNIVERSE_SIZE; i++) {
    const assetClass = ASSET_CLASSES[i % ASSET_CLASSES.length]!;
    const traits = CLASS_TRAITS[assetClass];
    // Uniform prices from 20 to 300: a bounded, unskewed close distribution has no IQR outliers.
    const anchorPrice = round(20 + 280 * rng.next(), 2);
    const baseSpreadBps = round(traits.spread * (2 + 3 * rng.next()), 2);
    out.push({
      symbol: `${assetClass.slice(0, 2).toUpperCase()}${String(i).padStart(3, '0')}`,
      assetClass,
      anchorPrice,
      sigma: BASE_SIGMA * traits.vol * (0.8 + 0.4 * rng.next()),
      baseVolume: Math.round(5000 * 4 ** rng.next()),
      baseSpreadBps,
      spreadLimitBps: round(baseSpreadBps * 3, 2),
    });
  }
  return out;
}

/** Rounds to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The universe, built once. */
export const UNIVERSE: readonly Instrument[] = buildUniverse();

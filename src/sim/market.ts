/** Demo market data: a mean-reverting geometric random walk per instrument, one OHLCV bar per tick. */
import { deriveFeatures, type Features, HISTORY_BARS } from './features.js';
import { createRng, type Rng } from './rng.js';
import { type Instrument, round, UNIVERSE } from './universe.js';

/** The market state an instrument is in; the volatile regime doubles volatility and widens spreads. */
export type Regime = 'calm' | 'volatile';

/** One OHLCV bar: high >= max(open, close), low <= min(open, close), volume a whole number >= 0. */
export interface Bar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One tick of the market: the bar, its features and what the next bar will do (the future, for labels). */
export interface MarketTick {
  instrument: Instrument;
  bar: Bar;
  regime: Regime;
  features: Features;
  /** Log return of the next bar of this instrument: the realised move the `actual` is made from. */
  nextLogReturn: number;
  /** The drift term of the next log return, predictable from the price level. */
  expectedLogReturn: number;
  /** The per-bar volatility of the current regime. */
  sigma: number;
}

/** Steps through the instruments in turn, one bar each. */
export interface Market {
  next(): MarketTick;
}

const KAPPA = 0.02; // mean reversion per bar: stationary sd of log price = sigma / sqrt(2 kappa) = 5 sigma
const VOLATILE_VOL = 1.8;
const VOLATILE_SPREAD = 1.8;
const VOLATILE_VOLUME = 1.6;
const TO_VOLATILE = 0.06; // Markov switching: stationary volatile share = 0.06 / (0.06 + 0.34) = 15 %
const TO_CALM = 0.34;
const WARM_UP_BARS = HISTORY_BARS + 5;

interface InstrumentState {
  instrument: Instrument;
  logPrice: number;
  regime: Regime;
  /** The next bar's regime and innovation, drawn one bar early so each tick knows its label. */
  nextRegime: Regime;
  nextEps: number;
  closes: number[];
  volumes: number[];
}

const sigmaOf = (s: { instrument: Instrument }, regime: Regime) =>
  s.instrument.sigma * (regime === 'volatile' ? VOLATILE_VOL : 1);
const driftOf = (s: InstrumentState) => -KAPPA * (s.logPrice - Math.log(s.instrument.anchorPrice));

function switchRegime(regime: Regime, rng: Rng): Regime {
  if (regime === 'calm') return rng.chance(TO_VOLATILE) ? 'volatile' : 'calm';
  return rng.chance(TO_CALM) ? 'calm' : 'volatile';
}

/** Advances one instrument by one bar and returns the bar. */
function stepBar(s: InstrumentState, rng: Rng): Bar {
  const prevClose = Math.exp(s.logPrice);
  s.regime = s.nextRegime;
  const sigma = sigmaOf(s, s.regime);
  s.logPrice += driftOf(s) + sigma * s.nextEps;
  const close = Math.exp(s.logPrice);
  const open = prevClose * Math.exp(0.15 * sigma * rng.normal()); // a small gap from the last close
  const high = Math.max(open, close) * Math.exp(0.5 * sigma * Math.abs(rng.normal()));
  const low = Math.min(open, close) * Math.exp(-0.5 * sigma * Math.abs(rng.normal()));
  const activity = (s.regime === 'volatile' ? VOLATILE_VOLUME : 1) * (1 + 0.3 * Math.abs(s.nextEps));
  const volume = Math.max(0, Math.round(rng.lognormal(s.instrument.baseVolume * activity, 0.3)));
  s.nextRegime = switchRegime(s.regime, rng);
  s.nextEps = rng.normal();
  // Rounding is monotone, so the high/low ordering survives it.
  return { open: round(open, 4), high: round(high, 4), low: round(low, 4), close: round(close, 4), volume };
}

function remember(s: InstrumentState, bar: Bar): void {
  s.closes.push(bar.close);
  s.volumes.push(bar.volume);
  if (s.closes.length > HISTORY_BARS) s.closes.shift();
  if (s.volumes.length > HISTORY_BARS) s.volumes.shift();
}

/**
 * A market for `seed` (and a sub-stream, so the reference set and a live run with the same seed differ).
 * The same seed gives the same bars. Each instrument is warmed up first so every feature is defined.
 */
export function createMarket(seed: number, stream = 1): Market {
  const rng = createRng(seed, stream);
  const states: InstrumentState[] = UNIVERSE.map((instrument) => ({
    instrument,
    logPrice: Math.log(instrument.anchorPrice) + 5 * instrument.sigma * rng.normal(),
    regime: 'calm',
    nextRegime: rng.chance(0.15) ? 'volatile' : 'calm',
    nextEps: rng.normal(),
    closes: [],
    volumes: [],
  }));
  for (const s of states) for (let i = 0; i < WARM_UP_BARS; i++) remember(s, stepBar(s, rng));
  let cursor = 0;
  return {
    next(): MarketTick {
      const s = states[cursor]!;
      cursor = (cursor + 1) % states.length;
      const bar = stepBar(s, rng);
      remember(s, bar);
      const spreadBps = rng.lognormal(
        s.instrument.baseSpreadBps * (s.regime === 'volatile' ? VOLATILE_SPREAD : 1),
        0.2,
      );
      const sigma = sigmaOf(s, s.regime);
      return {
        instrument: s.instrument,
        bar,
        regime: s.regime,
        features: deriveFeatures(bar, s.closes, s.volumes, spreadBps, s.regime),
        nextLogReturn: driftOf(s) + sigmaOf(s, s.nextRegime) * s.nextEps,
        expectedLogReturn: driftOf(s),
        sigma,
      };
    },
  };
}

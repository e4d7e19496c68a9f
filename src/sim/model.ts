/** The demo trading model: buy/sell/hold with a calibrated confidence, its latency, failures and quoted spread. */
import type { MarketTick } from './market.js';
import { normalCdf, type Rng } from './rng.js';
import { round } from './universe.js';

/** The model's classes. */
export const ACTIONS = ['buy', 'sell', 'hold'] as const;
/** A trading action. */
export type Action = (typeof ACTIONS)[number];

/** The ways a prediction fails, as records carry them in `error`. */
export const ERROR_TYPES = ['timeout', 'model_error', 'invalid_input'] as const;
/** A failure type. */
export type ErrorType = (typeof ERROR_TYPES)[number];

/** The model name records carry. */
export const MODEL_NAME = 'market-master-v1';

/** A next-bar return beyond +/- this is a buy/sell; inside it, hold. 10 basis points. */
export const LABEL_THRESHOLD = 0.001;

/** What the model answered for one tick: a prediction, or a failure. */
export interface ModelOutput {
  prediction?: Action;
  confidence?: number;
  latencySeconds: number;
  error?: ErrorType;
  /** Our quoted spread in basis points, and the most the desk allows; absent on a failure. */
  spread?: number;
  spreadLimit?: number;
}

// Calibration (checked by test/sim/model.test.ts over 5,000 records):
// - NOISE: the model sees the next innovation plus N(0, NOISE^2); 0.16 gives accuracy of about 0.89.
// - latency: lognormal, median 33 ms, log-sd 0.35: p95 = 33 * e^(1.645 * 0.35) = 59 ms.
// - spread: quotes sit at about 45 % of the limit; the tail beyond it is about 5 % of quotes.
const NOISE = 0.19;
const LATENCY_MEDIAN_S = 0.033;
const LATENCY_SIGMA = 0.35;
const TIMEOUT_S = 1;
const ERROR_RATE = 0.005;
const ERROR_WEIGHTS: Readonly<Record<ErrorType, number>> = {
  timeout: 0.4,
  model_error: 0.35,
  invalid_input: 0.25,
};

/** The realised class of a simple return: buy above +threshold, sell below -threshold, else hold. */
export function actionOf(simpleReturn: number, threshold = LABEL_THRESHOLD): Action {
  if (simpleReturn > threshold) return 'buy';
  if (simpleReturn < -threshold) return 'sell';
  return 'hold';
}

/** The ground truth for a tick: the class of its next bar's move. */
export function actualOf(tick: MarketTick): Action {
  return actionOf(Math.expm1(tick.nextLogReturn));
}

/** Draws a failure type by its weight. */
export function pickErrorType(
  rng: Rng,
  weights: Readonly<Record<ErrorType, number>> = ERROR_WEIGHTS,
): ErrorType {
  const total = ERROR_TYPES.reduce((a, t) => a + weights[t], 0);
  let u = rng.next() * total;
  for (const t of ERROR_TYPES) if ((u -= weights[t]) < 0) return t;
  return ERROR_TYPES[ERROR_TYPES.length - 1]!;
}

/** The latency in seconds of a call that ended with `error` (or succeeded), from one standard normal `z`. */
export function latencyFor(error: ErrorType | undefined, z: number, median = LATENCY_MEDIAN_S): number {
  if (error === 'timeout') return round(TIMEOUT_S + 0.01 * Math.abs(z), 4); // the client gave up at 1 s
  if (error === 'invalid_input') return round(0.002 * Math.exp(0.3 * z), 4); // rejected before inference
  return round(median * Math.exp(LATENCY_SIGMA * z), 4);
}

/**
 * Class probabilities given the model's noisy view of the next innovation. The model observes
 * o = eps + NOISE * eta with eps, eta ~ N(0, 1); the posterior of eps is N(o / (1 + s^2), s^2 / (1 + s^2)),
 * and the next log return is mu + sigma * eps. Taking the argmax and its probability as the confidence
 * makes the confidence calibrated by construction (up to regime switches).
 */
function classProbabilities(tick: MarketTick, observed: number): Record<Action, number> {
  const s2 = NOISE * NOISE;
  const postMean = observed / (1 + s2);
  const postSd = Math.sqrt(s2 / (1 + s2));
  const z = (logBound: number) => (logBound - tick.expectedLogReturn) / tick.sigma;
  const up = normalCdf((z(Math.log1p(LABEL_THRESHOLD)) - postMean) / postSd);
  const down = normalCdf((z(Math.log1p(-LABEL_THRESHOLD)) - postMean) / postSd);
  return { buy: 1 - up, sell: down, hold: up - down };
}

/** The model's answer for one tick, drawing its noise from `rng` (the model stream). */
export function predict(tick: MarketTick, rng: Rng): ModelOutput {
  // Draw every random number each time, so a failure does not shift the stream of later records.
  const innovation = (tick.nextLogReturn - tick.expectedLogReturn) / tick.sigma;
  const probs = classProbabilities(tick, innovation + NOISE * rng.normal());
  const failed = rng.chance(ERROR_RATE);
  const errorType = pickErrorType(rng);
  const spreadNoise = rng.normal();
  const error = failed ? errorType : undefined;
  const latencySeconds = latencyFor(error, rng.normal());
  if (error) return { latencySeconds, error };
  let prediction: Action = 'hold';
  for (const a of ACTIONS) if (probs[a] > probs[prediction]) prediction = a;
  const confidence = round(probs[prediction], 4);
  // A market maker widens its quote when unsure; the market spread_bps feature is the floor it builds on.
  const marketSpread = Number(tick.features.spread_bps);
  const spread = round(marketSpread * Math.exp(0.2 + 0.4 * (1 - confidence) + 0.25 * spreadNoise), 3);
  return { prediction, confidence, latencySeconds, spread, spreadLimit: tick.instrument.spreadLimitBps };
}

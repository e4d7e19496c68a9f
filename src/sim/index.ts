/** The sim room: the demo model service with switchable faults, and the reference data writer. */
export { type ActualSchedule, createActualSchedule } from './actual-schedule.js';
export { createManualClock, type ManualClock, type SimClock, systemClock } from './clock.js';
export {
  applyFaultCommand,
  describeFaults,
  type FaultCommand,
  parseFaultCommand,
  readFaultCommands,
} from './fault-commands.js';
export {
  activeFaults,
  applyFaults,
  FAULT_NAMES,
  type FaultName,
  type FaultSet,
  faultSet,
  isFaultName,
} from './faults.js';
export {
  CATEGORICAL_FEATURES,
  FEATURE_NAMES,
  type FeatureName,
  type Features,
  NUMERIC_FEATURES,
  type NumericFeature,
} from './features.js';
export { formatLogLine, type LogLevel } from './log-file.js';
export { type Bar, createMarket, type Market, type MarketTick, type Regime } from './market.js';
export { createMemoryBallast, type MemoryBallast } from './memory-ballast.js';
export {
  ACTIONS,
  type Action,
  actionOf,
  ERROR_TYPES,
  type ErrorType,
  LABEL_THRESHOLD,
  MODEL_NAME,
  predict,
} from './model.js';
export { createFetchPost, type PostFn, type PostOptions } from './post.js';
export {
  createRecordSource,
  generateRecords,
  type RecordSource,
  type RecordSourceOptions,
} from './records.js';
export {
  type ReferenceFormat,
  type ReferenceOptions,
  referenceFormat,
  referenceLines,
  referenceRows,
  writeReference,
} from './reference.js';
export { createRng, type Rng } from './rng.js';
export { createSimulator, type Simulator, type SimulatorOptions, type SimulatorStats } from './simulator.js';
export type { Generated, SimActual, SimRecord } from './types.js';
export { ASSET_CLASSES, type AssetClass, type Instrument, UNIVERSE } from './universe.js';

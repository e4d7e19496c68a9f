/** The config room: schema, defaults and loading (file, env, flags). Imports nothing of ours. */

export { configCacheDir, loadConfigCached } from './cached.js';
export {
  applyDemoState,
  type DemoState,
  demoStateFile,
  readDemoState,
  removeDemoState,
  writeDemoState,
} from './demo-state.js';
export { formatDuration, isDuration, parseDuration } from './duration.js';
export { ENV_BINDINGS } from './env.js';
export {
  ConfigError,
  DEFAULT_CONFIG_FILE,
  expandHome,
  type LoadedConfig,
  type LoadOptions,
  loadConfig,
} from './load.js';
export { describeOrigin, type Origin, type Origins } from './origins.js';
export {
  type Config,
  configSchema,
  DRIFT_METHODS,
  THRESHOLD_NAMES,
  type Threshold,
  type ThresholdName,
} from './schema.js';
export { userConfigDir } from './user-dir.js';

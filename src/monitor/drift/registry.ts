/** The registry of drift methods: name -> implementation (Evidently's `_registered_stat_tests`). */

import { chisquare } from './methods/chisquare.js';
import { jensenshannon } from './methods/jensenshannon.js';
import { ks } from './methods/kolmogorov-smirnov.js';
import type { DriftMethod } from './methods/method.js';
import { psi } from './methods/psi.js';
import { wasserstein } from './methods/wasserstein.js';
import type { MethodName } from './types.js';

/** Every drift method by name. */
export const DRIFT_METHODS: Readonly<Record<MethodName, DriftMethod>> = {
  ks,
  wasserstein,
  psi,
  jensenshannon,
  chisquare,
};

/** The method names, in registry order. */
export const METHOD_NAMES = Object.keys(DRIFT_METHODS) as MethodName[];

/** True when `name` is a registered method. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(DRIFT_METHODS, name);
}

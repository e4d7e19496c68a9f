/** The step-kind registry: a language (or `manual`) to its implementation, all behind StepKind. */
import type { KindName } from '../types.js';
import { httpKind } from './http.js';
import { manualKind } from './manual.js';
import { promqlKind } from './promql.js';
import { shellKind } from './shell.js';
import { sqlKind } from './sql.js';
import type { StepKind } from './types.js';

/** Every kind by name. */
export const STEP_KINDS: Record<KindName, StepKind> = {
  sh: shellKind,
  bash: shellKind,
  promql: promqlKind,
  http: httpKind,
  sql: sqlKind,
  manual: manualKind,
};

export type * from './types.js';

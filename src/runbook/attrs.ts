/**
 * A fenced block's attributes: the JSON after the language in the info string. Runme's names where they
 * overlap (name, cwd, interactive, background, excludeFromRunAll, promptEnv), plus ours.
 */
import { z } from 'zod';
import { isDuration, parseDuration } from '../config/index.js';
import { expectationSchema } from './expect-schema.js';

/** The attribute schema; unknown keys are errors. */
export const attrsSchema = z.strictObject({
  /** A stable step name (default: the heading as a slug). */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*$/, 'letters, digits, "-", "_" or "."')
    .optional(),
  /** Working directory for shell steps (`~` expanded; relative to where mmops runs). */
  cwd: z.string().min(1).optional(),
  /** Needs the operator's terminal (htop, tail -f): run attended only, never captured. */
  interactive: z.boolean().optional(),
  /** Start and do not wait; the process group is stopped when the run ends. */
  background: z.boolean().optional(),
  /** Run all (`--yes`, run remaining) skips this step; the operator may still run it by hand. */
  excludeFromRunAll: z.boolean().optional(),
  /** Attended runs ask for the value of each param the step uses (the default is offered). */
  promptEnv: z.boolean().optional(),
  /** "30s", "5m", or seconds; the whole process tree is killed when it passes. */
  timeout: z
    .union([
      z.number().positive(),
      z.string().refine(isDuration, { message: 'a duration such as 30s, 5m or 1h' }),
    ])
    .optional(),
  expect: expectationSchema.optional(),
  /** Commands (`iostat`, `mmops diag health`), variables (`$DATABASE_URL`), or files (`file:$MMOPS_PARAM_LOG`). */
  requires: z.array(z.string().min(1)).optional(),
  /** Typed confirmation before running: true asks for "yes", a string asks for that word. */
  confirm: z.union([z.boolean(), z.string().min(1)]).optional(),
  /** SQL only: MMOPS_* variables bound to $1, $2, ... (values never spliced into the query). */
  args: z.array(z.string().regex(/^MMOPS_[A-Z0-9_]+$/, 'an MMOPS_* variable name')).optional(),
});
/** Parsed attributes. */
export type StepAttrs = z.infer<typeof attrsSchema>;

/** The step's timeout in milliseconds, or `fallbackMs`. */
export function timeoutMs(attrs: StepAttrs, fallbackMs: number): number {
  const t = attrs.timeout;
  if (t === undefined) return fallbackMs;
  return Math.round((typeof t === 'number' ? t : parseDuration(t)) * 1000);
}

/** The word an operator must type for a `confirm` step, or undefined when none is needed. */
export function confirmWord(attrs: StepAttrs): string | undefined {
  if (attrs.confirm === undefined || attrs.confirm === false) return undefined;
  return attrs.confirm === true ? 'yes' : attrs.confirm;
}

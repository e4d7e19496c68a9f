/** The interface every step kind implements, and the I/O the runner hands them (passed in, never imported). */
import type { Step, StepResult, StepStatus } from '../types.js';

/** Where a chunk of output came from. */
export type Stream = 'stdout' | 'stderr';

/** Options for one shell command. */
export interface SpawnOptions {
  env: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs: number;
  onOutput: (chunk: string, stream: Stream) => void;
  outputCap: number;
  /** Inherit the terminal: nothing captured, no timeout. */
  interactive?: boolean;
  signal?: AbortSignal;
}

/** What a shell command did. */
export interface SpawnResult {
  exitCode: number | null;
  signal?: string;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Set when the command could not start (no such cwd, ...). */
  error?: string;
}

/** Runs `bash -c code` in its own process group; the timeout kills the whole group. */
export type Spawn = (code: string, opts: SpawnOptions) => Promise<SpawnResult>;
/** Starts `bash -c code` without waiting; returns a function that stops its process group. */
export type SpawnBackground = (
  code: string,
  opts: Pick<SpawnOptions, 'env' | 'cwd'>,
) => { pid: number; stop: () => void };

/** One series of an instant query. */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
}
/** A Prometheus instant query: the series (a scalar is one series without labels). */
export type PromQuery = (query: string, opts: { timeoutMs: number }) => Promise<PromSample[]>;

/** An HTTP request as an http step sends it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
  timeoutMs: number;
}
/** Sends one request; resolves for every status, rejects only when there is no response. */
export type HttpSend = (req: HttpRequest) => Promise<{ status: number; body: string }>;

/** Runs one SQL statement against `url`; read-only unless `readOnly` is false. */
export type SqlQuery = (
  url: string,
  text: string,
  values: string[],
  opts: { readOnly: boolean; timeoutMs: number },
) => Promise<{ fields: string[]; rows: Record<string, unknown>[] }>;

/** The operator (or its stand-in for unattended runs). */
export interface Operator {
  /** True when a person answers at a terminal. */
  attended: boolean;
  /**
   * False when a person answers but cannot hand the terminal to a program (the console draws on it):
   * interactive steps are then SKIPPED with the command to run in a shell. Absent means `attended`.
   */
  interactive?: boolean;
  /** Asks for the typed confirmation word; resolves true when it was typed. */
  confirm(step: Step, word: string): Promise<boolean>;
  /** A manual step: the operator reports how it went and may leave a note. */
  manual(step: Step): Promise<{ status: StepStatus; note?: string }>;
  /** Asks for a param's value (promptEnv); resolves to the answer or the default. */
  prompt?(name: string, defaultValue: string): Promise<string>;
}

/** The I/O the kinds use. */
export interface StepDeps {
  spawn: Spawn;
  spawnBackground: SpawnBackground;
  /** Absent: promql steps are SKIPPED "no Prometheus configured". */
  promQuery?: PromQuery;
  http: HttpSend;
  sql: SqlQuery;
}

/** Everything a kind needs to run one step. */
export interface StepContext {
  /** The step's environment: the process's plus MMOPS_PARAM_*, MMOPS_ALERT_* and the source URLs. */
  env: Record<string, string | undefined>;
  timeoutMs: number;
  outputCap: number;
  onOutput: (chunk: string, stream: Stream) => void;
  operator: Operator;
  deps: StepDeps;
  /** Called with a background step's stop function; the runner calls it when the run ends. */
  onBackground: (stop: () => void) => void;
  signal?: AbortSignal;
}

/** A step's result before the runner stamps the duration. */
export type KindResult = Omit<StepResult, 'durationMs'>;

/** One step kind. */
export interface StepKind {
  run(step: Step, ctx: StepContext): Promise<KindResult>;
}

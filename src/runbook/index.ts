/** The runbook room: parse Markdown runbooks, run their steps, keep the journal, write reports. */
export { attrsSchema, confirmWord, type StepAttrs, timeoutMs } from './attrs.js';
export { fetchSend, pgQuery } from './clients.js';
export { envName, ParamError, parseAssignments, resolveParams, stepEnv } from './env.js';
export { EXPECT_KEYS, type Expectation, expectationSchema, type NumericExpect } from './expect-schema.js';
export { findings, headline } from './findings.js';
export { type HttpBlock, parseHttpBlock, resolveHttpBlock } from './http-block.js';
export {
  appendJournal,
  appendSignOff,
  JOURNAL_OUTPUT_CAP,
  type JournalEntry,
  JournalReadError,
  journalFile,
  readJournal,
  type SignOff,
} from './journal.js';
export { CRITICAL_MARKER, judge, type Observed, type Verdict } from './judge.js';
export { STEP_KINDS } from './kinds/index.js';
export type * from './kinds/types.js';
export { type Levels, shippedLevels } from './level-refs.js';
export { createJournalReader, createRunbookLoader } from './load-memo.js';
export { terminalOperator, unattendedOperator } from './operators.js';
export { CappedOutput, capText, OUTPUT_CAP, truncationMarker } from './output.js';
export {
  type LoadedRunbooks,
  loadRunbooks,
  type ParseOptions,
  type Problem,
  parseRunbook,
  parseRunbookFile,
  RunbookError,
} from './parse.js';
export {
  countStatuses,
  overallStatus,
  type RunRecord,
  type RunStatus,
  type StepRecord,
} from './record.js';
export { makeRedactor, REDACTED, secretsFromConfig, secretsFromEnv } from './redact.js';
export { renderJson, renderMarkdown, secs } from './report.js';
export { reportAttachmentName, reportSubject, slackSummary } from './report-summary.js';
export { onPath, type Probe, probeHelp, unmetRequirement } from './requires.js';
export { findRun, ResumeError, type ResumePoint, resumePoint } from './resume.js';
export {
  ROUTINES,
  type Routine,
  type RoutineRun,
  type RoutineState,
  routineDone,
  routineStatus,
} from './routine.js';
export { DEFAULT_TIMEOUT_MS, type RunEvent, type RunOptions, RunSession, runRunbook } from './run.js';
export { KILL_GRACE_MS, killGroup, spawnBackgroundShell, spawnShell } from './spawn.js';
export * from './types.js';
export { SourceUnreachableError } from './unreachable.js';

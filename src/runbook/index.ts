/** The runbook room: parse Markdown runbooks, run their steps, keep the journal, write reports. */
export { attrsSchema, confirmWord, type StepAttrs, timeoutMs } from './attrs.js';
export { fetchSend, pgQuery } from './clients.js';
export { envName, ParamError, parseAssignments, resolveParams, stepEnv } from './env.js';
export { EXPECT_KEYS, type Expectation, expectationSchema, type NumericExpect } from './expect-schema.js';
export { type HttpBlock, parseHttpBlock, resolveHttpBlock } from './http-block.js';
export { appendJournal, JOURNAL_OUTPUT_CAP, type JournalEntry, journalFile, readJournal } from './journal.js';
export { judge, type Observed, type Verdict } from './judge.js';
export { STEP_KINDS } from './kinds/index.js';
export type * from './kinds/types.js';
export { terminalOperator, unattendedOperator } from './operators.js';
export { CappedOutput, capText, OUTPUT_CAP, truncationMarker } from './output.js';
export { loadRunbooks, type Problem, parseRunbook, parseRunbookFile, RunbookError } from './parse.js';
export { countStatuses, overallStatus, type RunRecord, type RunStatus, type StepRecord } from './record.js';
export { makeRedactor, REDACTED, secretsFromConfig, secretsFromEnv } from './redact.js';
export { renderJson, renderMarkdown, secs } from './report.js';
export {
  countsLine,
  reportAttachmentName,
  reportSubject,
  SUMMARY_STEP_LIMIT,
  slackSummary,
} from './report-summary.js';
export { onPath, type Probe, probeHelp, unmetRequirement } from './requires.js';
export { ROUTINES, type Routine, type RoutineRun, type RoutineState, routineStatus } from './routine.js';
export { DEFAULT_TIMEOUT_MS, type RunEvent, type RunOptions, RunSession, runRunbook } from './run.js';
export { KILL_GRACE_MS, killGroup, spawnBackgroundShell, spawnShell } from './spawn.js';
export * from './types.js';

/**
 * What the console needs from the runbook room, passed in by the CLI (the edge owns the files, the shell,
 * Prometheus and the journal), so the console's runbook views test against any runbooks and journal.
 */
import type {
  JournalEntry,
  Operator,
  Routine,
  Runbook,
  RunRecord,
  RunSession,
  StepRecord,
} from '../../runbook/index.js';

/** A new session's inputs: the alert's labels (MMOPS_ALERT_*) and params named like a label. */
export interface SessionRequest {
  runbook: Runbook;
  labels: Record<string, string>;
  params: Record<string, string>;
  operator: Operator;
  signal: AbortSignal;
  /**
   * The alert the run starts from, for the journal: Alertmanager's fingerprint when it has a copy, else
   * null (the port computes it from the labels, as Alertmanager would).
   */
  alert?: { fingerprint: string | null; labels: Record<string, string> };
  /** A journalled run to resume: its steps before `startAt` are kept and the run starts there. */
  resume?: { runId: string; startAt: number; carried: StepRecord[] };
}

/** The runbooks, the journal and a way to start and record runs. */
export interface RunbookPort {
  /** Loads every runbook; a malformed file is an error line ("file:line: what"), the rest still load. */
  load(): { runbooks: Runbook[]; errors: string[] };
  /** The journal, oldest first. */
  journal(): JournalEntry[];
  /** config runbooks.schedule. */
  schedule: Record<Routine, string>;
  /** A session over `runbook` with the environment, clients and redaction of `mmops runbook run`. */
  session(req: SessionRequest): RunSession;
  /** Appends the finished run to the journal and writes its reports; resolves to the Markdown report. */
  save(record: RunRecord): string;
}

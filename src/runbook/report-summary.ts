/** Short forms of a run for sending: the email subject, the attachment name and a Slack summary. */
import { findings } from './findings.js';
import { countStatuses, type RunRecord, type RunStatus } from './record.js';
import { secs } from './report.js';

/** Steps named in a Slack summary at most; the rest are counted. */
export const SUMMARY_STEP_LIMIT = 10;

/** `[mmops runbook] daily PASS on host`. */
export function reportSubject(r: RunRecord): string {
  return `[mmops runbook] ${r.runbook.id} ${r.status} on ${r.host}`;
}

/** The JSON report's file name in an email: `daily-<runId>.json`. */
export function reportAttachmentName(r: RunRecord): string {
  return `${r.runbook.id}-${r.runId}.json`.replace(/[^\w.-]+/g, '_');
}

/** `3 pass, 1 warn, 0 fail, 2 skipped`. */
export function countsLine(r: RunRecord): string {
  const c = countStatuses(r.steps);
  return `${c.PASS} pass, ${c.WARN} warn, ${c.FAIL} fail, ${c.SKIPPED} skipped`;
}

// Slack's legacy attachment colours: 'danger' is red, 'warning' yellow, 'good' green.
const COLOR: Record<RunStatus, string> = {
  FAIL: 'danger',
  UNREACHABLE: 'danger',
  WARN: 'warning',
  INCOMPLETE: 'warning',
  PASS: 'good',
  SKIPPED: '#999999',
};
const ICON: Record<RunStatus, string> = {
  FAIL: ':x:',
  UNREACHABLE: ':electric_plug:',
  WARN: ':warning:',
  INCOMPLETE: ':hourglass:',
  PASS: ':white_check_mark:',
  SKIPPED: ':fast_forward:',
};

/**
 * A Slack incoming-webhook payload: one line with runbook, status, host and counts, then the report's
 * findings (at most SUMMARY_STEP_LIMIT). The full report goes by email.
 */
export function slackSummary(r: RunRecord, channel: string) {
  const text = `${ICON[r.status]} mmops runbook ${r.runbook.id} (${r.runbook.title}): ${r.status} on ${r.host}, ${countsLine(r)} in ${secs(r.durationMs)}`;
  // the report's findings: each dependency down once (with its URL), then the FAIL and WARN steps
  const notable = findings(r);
  const lines = notable.slice(0, SUMMARY_STEP_LIMIT).map((f) => f.slice(0, 200));
  if (notable.length > SUMMARY_STEP_LIMIT) lines.push(`... and ${notable.length - SUMMARY_STEP_LIMIT} more`);
  return {
    channel,
    text,
    attachments: [
      {
        color: COLOR[r.status],
        fallback: text,
        text: lines.join('\n') || 'every step passed or was skipped',
        footer: `run ${r.runId} by ${r.user}, ${r.startedAt}`,
      },
    ],
  };
}

/** Application log analysis: parse lines and summarise error patterns (pure). */
export {
  createLogSummariser,
  type ErrorPattern,
  type LogSummariser,
  type LogSummary,
  summariseLog,
} from './error-patterns.js';
export { type LogLine, parseLogLine } from './parse-line.js';

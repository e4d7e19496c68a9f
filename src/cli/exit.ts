/** Exit codes of every command (DESIGN.md "Exit codes") and the error that carries one. */

export const EXIT = {
  ok: 0,
  /** A threshold was crossed, drift was detected, or a step failed. */
  finding: 1,
  /** Usage error or bad input; the message names the file, line and field. */
  usage: 2,
  /** A source was unreachable. */
  unreachable: 3,
} as const;

/** An error the CLI prints as one clean line (no stack) before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

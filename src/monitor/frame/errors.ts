/** The error a reader throws when a file cannot be parsed at all. */

/** An unreadable or unparseable input file; the message names `file:line:` and what is wrong. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
  /** The file as the caller named it, when the error concerns a file. */
  readonly file: string | undefined;
  /** 1-based line where the bad record starts, when known. */
  readonly line: number | undefined;

  constructor(message: string, file?: string, line?: number) {
    super(file === undefined ? message : `${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

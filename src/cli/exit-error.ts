/**
 * The command's exit codes, a deliberate table: 0 allowed, 1 denied, 2 usage
 * error, unreadable or invalid input, or AWS error. Nothing else.
 */
export const EXIT = { allowed: 0, denied: 1, error: 2 } as const;

/** A failure to report in one line and exit 2. Thrown by commands; only `main` turns it into an exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code: string = 'USAGE',
    /** Further lines (e.g. every finding), printed after the message. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

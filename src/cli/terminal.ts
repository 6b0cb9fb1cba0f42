/**
 * Where the command writes, and whether it may use colour. Injected so tests
 * can run the CLI in process.
 *
 * The process terminal is the last line of defence against terminal injection:
 * whatever a renderer or a message lets slip, nothing but printable text,
 * newlines and tabs reaches the terminal, plus iamwhy's own SGR colour
 * sequences when (and only when) colour is on. It also turns a failing stdout
 * (`> /dev/full`) into one line and exit code 2, and a closed pipe (`| head`)
 * into a quiet end.
 */
import { ownSgrSequences } from '../render/ansi.js';
import { describeSystemError, errorCode } from '../input/system-errors.js';
import { terminalSafe } from '../text/printable.js';
import { EXIT } from './exit-error.js';

export interface Terminal {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Standard error is a terminal: live mode shows its progress there. */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Set by {@link useColor}: whether the command colours its output (the writer then lets iamwhy's SGR sequences through). */
  color?: boolean;
  /** Standard input, read whole; rejects when it is longer than `limit` characters. Absent where there is none. */
  readStdin?: (limit: number) => Promise<string>;
  /** Standard input is a terminal (nothing piped in): reading it would wait for typing. */
  stdinIsTTY?: boolean;
}

/** Standard input was longer than the limit the command allows. */
export class InputTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`standard input is longer than ${limit} characters`);
    this.name = 'InputTooLargeError';
  }
}

async function readProcessStdin(limit: number): Promise<string> {
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk as string;
    if (text.length > limit) {
      process.stdin.destroy();
      throw new InputTooLargeError(limit);
    }
  }
  return text;
}

/** How the process's own stdout fared: a failure is reported once; after a closed pipe nothing more is written. */
const stdoutState: { closed: boolean; failure: string | undefined } = { closed: false, failure: undefined };
let listening = false;

function onStdoutError(error: unknown): void {
  if (stdoutState.closed) return;
  stdoutState.closed = true;
  // The reader went away (`iamwhy … | head`): nothing is wrong with the answer; end quietly.
  if (errorCode(error) === 'EPIPE') return;
  stdoutState.failure = describeSystemError(error);
  process.stderr.write(`iamwhy: cannot write the output: ${stdoutState.failure}\n`);
  process.exitCode = EXIT.error;
}

export function processTerminal(): Terminal {
  if (!listening) {
    listening = true;
    process.stdout.on('error', onStdoutError);
    // Nowhere left to report a failing stderr: never let it crash the process.
    process.stderr.on('error', () => undefined);
  }
  const sgr = ownSgrSequences();
  const terminal: Terminal = {
    stdout: (text) => {
      if (stdoutState.closed) return;
      try {
        process.stdout.write(terminalSafe(text, terminal.color === true ? { allowedSequences: sgr } : {}));
      } catch (error) {
        onStdoutError(error);
      }
    },
    stderr: (text) => {
      try {
        process.stderr.write(terminalSafe(text));
      } catch {
        // As above: stderr failing has no one to tell.
      }
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    readStdin: readProcessStdin,
    stdinIsTTY: process.stdin.isTTY === true,
  };
  return terminal;
}

/**
 * The exit code to end the process with: the command's, unless writing its
 * output failed (then 2, whatever the decision was: a denied request must not
 * read as allowed, nor an allowed one as denied).
 */
export function processExitCode(code: number): number {
  return stdoutState.failure !== undefined ? EXIT.error : code;
}

export type ColorMode = 'auto' | 'always' | 'never';

/**
 * `always`/`never` are obeyed; `auto` means colour on a TTY unless NO_COLOR is
 * set (https://no-color.org). Records the decision on the terminal, whose
 * writer lets colour sequences through only then.
 */
export function useColor(mode: ColorMode, terminal: Terminal): boolean {
  const noColor = terminal.env.NO_COLOR;
  const color = mode === 'always' ? true : mode === 'never' ? false : terminal.stdoutIsTTY && (noColor === undefined || noColor === '');
  terminal.color = color;
  return color;
}

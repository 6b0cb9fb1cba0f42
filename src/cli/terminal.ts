/** Where the command writes, and whether it may use colour. Injected so tests can run the CLI in process. */
export interface Terminal {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Standard error is a terminal: live mode shows its progress there. */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
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

export function processTerminal(): Terminal {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    readStdin: readProcessStdin,
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

export type ColorMode = 'auto' | 'always' | 'never';

/** `always`/`never` are obeyed; `auto` means colour on a TTY unless NO_COLOR is set (https://no-color.org). */
export function useColor(mode: ColorMode, terminal: Terminal): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const noColor = terminal.env.NO_COLOR;
  return terminal.stdoutIsTTY && (noColor === undefined || noColor === '');
}

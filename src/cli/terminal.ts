/** Where the command writes, and whether it may use colour. Injected so tests can run the CLI in process. */
export interface Terminal {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function processTerminal(): Terminal {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
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

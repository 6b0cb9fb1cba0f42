/**
 * Reading input files with one-line messages a user can act on, within the
 * input limits of `src/input/limits.ts`.
 */
import type { Finding } from '../../language/findings.js';
import type { InputLimit } from '../../input/limits.js';
import { readInputFile, readInputStream } from '../../input/read-input.js';

export type ReadTextResult = { ok: true; text: string } | { ok: false; finding: Finding };

/**
 * Read a text file of at most `limit` bytes. `what` names the file for the
 * message: `cannot read identity policy file "x.json": no such file`.
 */
export async function readTextFile(path: string, what: string, limit: InputLimit): Promise<ReadTextResult> {
  // `-` is standard input, as for most command-line tools (the CLI lets one flag use it); bounded like a file.
  const read = path === STANDARD_INPUT ? await readInputStream(process.stdin, limit) : await readInputFile(path, limit);
  if (read.ok) return read;
  return {
    ok: false,
    finding: {
      severity: 'error',
      code: read.code === 'TOO_LARGE' ? 'FILE_TOO_LARGE' : read.code === 'ENCODING' ? 'FILE_ENCODING' : 'FILE_UNREADABLE',
      message: `cannot read ${what} file "${path}": ${read.reason}`,
      location: { file: path, path: '' },
    },
  };
}

/** The file name that stands for standard input. */
export const STANDARD_INPUT = '-';

/**
 * Reading input files with one-line messages a user can act on.
 */
import { readFile } from 'node:fs/promises';
import type { Finding } from '../../language/findings.js';

export type ReadTextResult = { ok: true; text: string } | { ok: false; finding: Finding };

/** `no such file`, `permission denied`, ... for a Node file system error. */
export function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Read a UTF-8 text file. `what` names the file for the message:
 * `cannot read identity policy file "x.json": no such file`.
 */
export async function readTextFile(path: string, what: string): Promise<ReadTextResult> {
  try {
    // `-` is standard input, as for most command-line tools (the CLI lets one flag use it).
    if (path === STANDARD_INPUT) return { ok: true, text: await readStandardInput() };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return {
      ok: false,
      finding: {
        severity: 'error',
        code: 'FILE_UNREADABLE',
        message: `cannot read ${what} file "${path}": ${describeFileError(error)}`,
        location: { file: path, path: '' },
      },
    };
  }
}

/** The file name that stands for standard input. */
export const STANDARD_INPUT = '-';

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

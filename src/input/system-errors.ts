/**
 * Node's file system and stream errors as a few words a user can act on:
 * `no such file`, `too many levels of symbolic links`, never
 * `ELOOP: too many symbolic links encountered, open 'x'` (which repeats the
 * path the message already names).
 */

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links (a link that points to itself?)',
  EIO: 'input/output error (a failing disk or a vanished network share?)',
  ENAMETOOLONG: 'the file name is too long',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EPIPE: 'the reading end of the pipe was closed',
  EBADF: 'the file descriptor is not open',
  EAGAIN: 'the input is not ready (a non-blocking descriptor)',
  EROFS: 'read-only file system',
  ETXTBSY: 'the file is busy',
  EINVAL: 'invalid argument',
  EFBIG: 'the file is too large',
  ERR_STRING_TOO_LONG: 'the file is too large to read as text',
};

/** The error's code, when it has one (`ENOENT`). */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
}

/** A few words for a system error, without the path Node puts in its message. */
export function describeSystemError(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  // `ECODE: words, syscall 'path'` → `words (ECODE)`.
  const words = message.replace(/^[A-Z_]+: /, '').replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
  const firstLine = words.split('\n')[0] ?? words;
  return code !== undefined && !firstLine.includes(code) ? `${firstLine} (${code})` : firstLine;
}

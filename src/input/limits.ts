/**
 * How much iamwhy reads of each kind of input, and how deep it lets JSON and
 * YAML nest. Every reader checks these while reading (a file is never read
 * past its limit, so `/dev/zero` or an endless pipe stops at once), and says
 * which limit was hit. The numbers are documented in the README ("Limits and
 * guarantees"); a new input path adds its kind here.
 */

export interface InputLimit {
  /** Most bytes read. */
  bytes: number;
  /** What the input is, for messages: `a policy file`. */
  what: string;
  /** Why the limit is what it is, for messages (optional). */
  why?: string;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Per input kind. A single policy: AWS's largest stored policy is a 32 KB KMS
 * key policy ("AWS KMS quotas"; IAM policies are at most 10,240 characters,
 * white space not counted), so 256 KiB leaves room for any indentation.
 * Snapshots of big accounts run to tens of megabytes (5,000 roles: 44 MB).
 */
export const INPUT_LIMITS = {
  policy: { bytes: 256 * KiB, what: 'a policy', why: 'AWS stores policies of at most 32 KB' },
  context: { bytes: 1 * MiB, what: 'a context file' },
  organization: { bytes: 1 * MiB, what: 'an organization config' },
  snapshot: { bytes: 256 * MiB, what: 'a snapshot file', why: 'give a bigger account as several files, e.g. GAAD pages' },
  serviceIndex: { bytes: 4 * MiB, what: 'the service reference index' },
  serviceDocument: { bytes: 32 * MiB, what: 'a service reference document' },
  serviceReferenceTotal: { bytes: 512 * MiB, what: 'the whole service reference download' },
  cacheFile: { bytes: 32 * MiB, what: 'a service data cache file' },
  /** A pasted AccessDenied message (an argument or standard input): a message is a few kilobytes. */
  errorMessage: { bytes: 1 * MiB, what: 'an AccessDenied message' },
  /** The sts:DecodeAuthorizationMessage output (--decoded). */
  decodedMessage: { bytes: 1 * MiB, what: 'a decoded authorization message' },
  /** CloudTrail events: a log file is a few megabytes; this leaves room for big exports. */
  events: { bytes: 256 * MiB, what: 'an event file', why: 'split it, or pick the events first, e.g. with jq' },
} as const satisfies Record<string, InputLimit>;

/**
 * How deep JSON and YAML values may nest: far deeper than any policy,
 * snapshot or configuration needs (a policy nests 5 levels), shallow enough
 * that no reader ever runs out of stack.
 */
export const MAX_NESTING_DEPTH = 256;

/** `256 KiB`, `1 MiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  if (bytes >= KiB) return `${(bytes / KiB).toFixed(1)} KiB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** `larger than the 256 KiB limit for a policy (AWS stores policies of at most 32 KB)`. */
export function describeLimit(limit: InputLimit, size?: number): string {
  const found = size === undefined ? 'larger than' : `${formatBytes(size)}, more than`;
  return `${found} the ${formatBytes(limit.bytes)} limit for ${limit.what}${limit.why ? ` (${limit.why})` : ''}`;
}

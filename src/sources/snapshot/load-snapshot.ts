/**
 * Loading account snapshots: GAAD output (whole, or pages) and iamwhy's snapshot
 * format, from text, parsed JSON, or files; several are merged into one model.
 * Problems come back as findings (file, JSON path, one sentence), never as thrown errors.
 * CAUTION: publicly exported.
 */
import { INPUT_LIMITS } from '../../input/limits.js';
import { readInputFile } from '../../input/read-input.js';
import type { Finding } from '../../language/findings.js';
import { jsonSyntaxMessage, parseJson, positionAt, withoutByteOrderMark, type PathSegment } from '../../language/parse/json-document.js';
import { scanJsonStructure } from '../../language/parse/json-scan.js';
import { MAX_NESTING_DEPTH } from '../../input/limits.js';
import { emptySnapshot, finalizeSnapshot } from './build.js';
import { InputReader, isRecord, describe, join } from './input-reader.js';
import type { Snapshot } from './model.js';
import { looksLikeGaad, readGaad } from './read-gaad.js';
import { looksLikeSnapshotFormat, readSnapshotFormat } from './read-snapshot-format.js';

export interface LoadSnapshotOptions {
  /** The file the input came from: findings point at it and policy origins name it. */
  file?: string;
  /** A name for the snapshot in messages when there is no file (default `snapshot`). */
  label?: string;
}

export type SnapshotLoadResult = { ok: true; snapshot: Snapshot } | { ok: false; errors: Finding[] };

/**
 * Load a snapshot from JSON text or an already parsed value: an iamwhy snapshot
 * (`{"iamwhySnapshot": 1, …}`), GAAD output (`{"UserDetailList": …}`), or a JSON
 * array of either (e.g. GAAD pages), which are merged.
 */
export function loadSnapshot(input: unknown, options: LoadSnapshotOptions = {}): SnapshotLoadResult {
  const file = options.file;
  const source = file ?? options.label ?? 'snapshot';
  let value = input;
  const findings: Finding[] = [];
  if (typeof input === 'string') {
    const parsed = parseSnapshotJson(input, file);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    value = parsed.value;
    findings.push(...parsed.warnings);
  }
  const reader = new InputReader(file, findings);
  const snapshot = emptySnapshot();
  snapshot.sources.push(source);
  if (Array.isArray(value)) {
    if (value.length === 0) reader.error('', 'expected snapshot content, found an empty array');
    value.forEach((item, index) => readDocument(reader, snapshot, item, `[${index}]`, source));
  } else {
    readDocument(reader, snapshot, value, '', source);
  }
  if (reader.failed) return { ok: false, errors: findings.filter((finding) => finding.severity === 'error') };
  snapshot.inputFindings = findings;
  return { ok: true, snapshot: finalizeSnapshot(snapshot) };
}

function readDocument(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, source: string): void {
  if (!isRecord(value)) {
    reader.error(path, `expected an iamwhy snapshot or get-account-authorization-details output (a JSON object), found ${describe(value)}`);
    return;
  }
  if (looksLikeSnapshotFormat(value)) {
    readSnapshotFormat(reader, snapshot, value, path, source);
  } else if (looksLikeGaad(value)) {
    readGaad(reader, snapshot, value, path, { source });
  } else {
    reader.error(
      path,
      'not a snapshot: expected an iamwhy snapshot ("iamwhySnapshot": 1) or get-account-authorization-details output (UserDetailList, GroupDetailList, RoleDetailList, Policies)',
    );
  }
}

/**
 * `JSON.parse`, several times faster than the located parser on a big snapshot;
 * only when it fails is the text read again with the located parser, to say
 * where and what in the words every JSON syntax error uses.
 */
function parseSnapshotJson(text: string, file: string | undefined): { ok: true; value: unknown; warnings: Finding[] } | { ok: false; error: Finding } {
  const body = withoutByteOrderMark(text);
  const at = (offset: number, path: string): Finding['location'] => {
    const { line, column } = positionAt(body, offset);
    return file === undefined ? { line, column, path } : { file, line, column, path };
  };
  try {
    const value = JSON.parse(body) as unknown;
    // What JSON.parse does not say: nesting beyond the limit (readers and the policy parser must not
    // run out of stack), and repeated keys, of which it silently keeps the last.
    const scan = scanJsonStructure(body, { maxDepth: MAX_NESTING_DEPTH });
    if (scan.tooDeep !== undefined) {
      const path = snapshotPath(scan.tooDeep.path);
      return {
        ok: false,
        error: { severity: 'error', code: 'SNAPSHOT_TOO_DEEP', message: `values are nested more than ${MAX_NESTING_DEPTH} levels deep${path ? ` (at ${path})` : ''}`, location: at(scan.tooDeep.offset, path) },
      };
    }
    const warnings = scan.repeated.map((repeated): Finding => {
      const path = snapshotPath(repeated.objectPath);
      const first = positionAt(body, repeated.firstOffset);
      return {
        severity: 'warning',
        code: 'SNAPSHOT_DUPLICATE_KEY',
        message: `"${repeated.key}" is given twice in ${path === '' ? 'the top-level object' : path} (first at line ${first.line}, column ${first.column}); only this later value is read, the earlier one is ignored`,
        location: at(repeated.offset, join(path, repeated.key)),
      };
    });
    return { ok: true, value, warnings };
  } catch (error) {
    const location: Finding['location'] = file === undefined ? { path: '' } : { file, path: '' };
    const located = parseJson(body);
    let message: string;
    if (located.ok) {
      // Not expected: both read strict JSON. Say what JSON.parse said.
      message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    } else {
      message = jsonSyntaxMessage(located.error);
      location.line = located.error.position.line;
      location.column = located.error.position.column;
    }
    return { ok: false, error: { severity: 'error', code: 'SNAPSHOT_JSON', message, location } };
  }
}

function snapshotPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : join(path, segment)), '');
}

/** Read and load one snapshot file. */
export async function readSnapshotFile(path: string): Promise<SnapshotLoadResult> {
  const read = await readInputFile(path, INPUT_LIMITS.snapshot);
  if (!read.ok) {
    return { ok: false, errors: [{ severity: 'error', code: 'SNAPSHOT_READ', message: `cannot read the snapshot: ${read.reason}`, location: { file: path, path: '' } }] };
  }
  return loadSnapshot(read.text, { file: path });
}

/** Read several snapshot files (accounts, GAAD pages) and merge them into one model. */
export async function readSnapshotFiles(paths: readonly string[]): Promise<SnapshotLoadResult> {
  const results = await Promise.all(paths.map((path) => readSnapshotFile(path)));
  const errors = results.flatMap((result) => (result.ok ? [] : result.errors));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, snapshot: mergeSnapshots(results.flatMap((result) => (result.ok ? [result.snapshot] : []))) };
}


/**
 * Merge snapshots (one per account, or GAAD pages) into one model. An entity
 * present in several (same ARN) is taken from the last. The inputs are not modified.
 */
export function mergeSnapshots(snapshots: readonly Snapshot[]): Snapshot {
  if (snapshots.length === 1 && snapshots[0] !== undefined) return snapshots[0];
  const merged = emptySnapshot();
  for (const part of snapshots) {
    merged.sources.push(...part.sources.filter((source) => !merged.sources.includes(source)));
    if (part.capturedAt !== undefined) merged.capturedAt = part.capturedAt;
    for (const [id, account] of part.accounts) {
      const existing = merged.accounts.get(id);
      merged.accounts.set(
        id,
        existing === undefined
          ? { ...account, sources: [...account.sources] }
          : {
              id,
              partition: account.partition,
              alias: account.alias ?? existing.alias,
              s3PublicAccessBlock: account.s3PublicAccessBlock ?? existing.s3PublicAccessBlock,
              hasResourceData: existing.hasResourceData || account.hasResourceData,
              inOrganization: account.inOrganization ?? existing.inOrganization,
              sources: [...existing.sources, ...account.sources.filter((source) => !existing.sources.includes(source))],
            },
      );
    }
    for (const [arn, user] of part.users) merged.users.set(arn, user);
    for (const [arn, role] of part.roles) merged.roles.set(arn, role);
    // Groups, managed policies and organizations get derived fields: copy them so the inputs stay as they were.
    for (const [arn, group] of part.groups) merged.groups.set(arn, { ...group });
    for (const [arn, managed] of part.managedPolicies) merged.managedPolicies.set(arn, { ...managed });
    for (const [arn, resource] of part.resources) merged.resources.set(arn, resource);
    for (const [id, endpoint] of part.vpcEndpoints) merged.vpcEndpoints.set(id, endpoint);
    for (const [id, organization] of part.organizations) merged.organizations.set(id, { ...organization });
    merged.notRead.push(...part.notRead);
    merged.inputFindings.push(...part.inputFindings);
    merged.gaadPages.total += part.gaadPages.total;
    merged.gaadPages.truncated += part.gaadPages.truncated;
  }
  return finalizeSnapshot(merged);
}

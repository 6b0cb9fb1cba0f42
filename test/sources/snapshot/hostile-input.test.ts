/**
 * Snapshots written by others: nesting, repeated keys and size are answered
 * with a finding naming the file and the place, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../../src/language/findings.js';
import { loadSnapshot } from '../../../src/sources/snapshot/load-snapshot.js';

const ALICE = { UserName: 'alice', Arn: 'arn:aws:iam::111111111111:user/alice', UserPolicyList: [] };
const BOB = { UserName: 'bob', Arn: 'arn:aws:iam::111111111111:user/bob', UserPolicyList: [] };

describe('hostile snapshots', () => {
  it('refuses a policy document nested 5,000 deep with the file, line, column and path, not a stack overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const document = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":${deep}}}}}`;
    const text = `{"UserDetailList":[{"UserName":"alice","Arn":"arn:aws:iam::111111111111:user/alice","UserPolicyList":[{"PolicyName":"p","PolicyDocument":${document}}]}]}`;
    const loaded = loadSnapshot(text, { file: 'deep.json' });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors.map(formatFinding)).toEqual([
      expect.stringMatching(/^deep\.json:1:\d+: error: values are nested more than 256 levels deep \(at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument\.Statement\.Condition\.StringEquals\["aws:x"\]/),
    ]);
  });

  it('refuses an already parsed policy document nested deeper than 256 (library input), naming its path', () => {
    let nested: unknown = 'x';
    for (let level = 0; level < 5000; level++) nested = [nested];
    const value = { UserDetailList: [{ ...ALICE, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:x': nested } } } } }] }] };
    const loaded = loadSnapshot(value, { file: 'parsed.json' });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const policy = loaded.snapshot.users.get(ALICE.Arn)!.inlinePolicies[0]!;
    expect(policy.policy).toBeUndefined();
    expect(policy.findings.map(formatFinding)[0]).toMatch(/^parsed\.json: error at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument.*is nested more than 256 levels deep/);
  });

  it('warns about a repeated key that would drop data (a second UserDetailList hides every user of the first)', () => {
    const text = JSON.stringify({ UserDetailList: [ALICE] }).slice(0, -1) + `,"UserDetailList":${JSON.stringify([BOB])}}`;
    const loaded = loadSnapshot(text, { file: 'dup.json' });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect([...loaded.snapshot.users.keys()]).toEqual([BOB.Arn]);
    const column = text.lastIndexOf('"UserDetailList"') + 1;
    expect(loaded.snapshot.inputFindings.map(formatFinding)).toEqual([
      `dup.json:1:${column}: warning: "UserDetailList" is given twice in the top-level object (first at line 1, column 2); only this later value is read, the earlier one is ignored`,
    ]);
  });

  it('warns about a repeated key inside an entity, naming the entity’s path', () => {
    const text = `{"UserDetailList":[{"UserName":"alice","Arn":"arn:aws:iam::111111111111:user/alice","Arn":"arn:aws:iam::111111111111:user/mallory"}]}`;
    const loaded = loadSnapshot(text, { file: 'dup.json' });
    expect(loaded.ok && loaded.snapshot.inputFindings.map(formatFinding)).toEqual([
      expect.stringMatching(/^dup\.json:1:\d+: warning: "Arn" is given twice in UserDetailList\[0\] \(first at line 1, column \d+\)/),
    ]);
  });

  it('refuses a policy document string larger than the limit for one policy before parsing it', () => {
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: `arn:aws:s3:::${'a'.repeat(300 * 1024)}` }] });
    const loaded = loadSnapshot({ UserDetailList: [{ ...ALICE, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: huge }] }] }, { file: 'big.json' });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const policy = loaded.snapshot.users.get(ALICE.Arn)!.inlinePolicies[0]!;
    expect(policy.policy).toBeUndefined();
    expect(policy.findings.map(formatFinding)[0]).toMatch(/^big\.json: error at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument: The document is 307,\d{3} characters, more than the 256 KiB limit for a policy/);
  });
});

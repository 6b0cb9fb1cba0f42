/**
 * The bad-input corpus: one row per malformed, wrongly typed, empty, huge,
 * deep or hostile input, for every input path iamwhy has. Rows are data; the
 * harness (bad-inputs.test.ts) runs each one and checks the guarantees of
 * "Limits and guarantees" in the README: exit code 2 and exactly one line on
 * stderr naming the file or place and what is wrong, no stack trace, nothing
 * but printable text, in bounded time; `heavy` rows also in a child process
 * with a small heap, proving bounded memory.
 *
 * In `args` and `env`, `@name` stands for the file `name` of the row's own
 * directory, `@@` for that directory, and `{server}` for the URL of the
 * harness's HTTP server (a misbehaving service-reference mirror;
 * `{server-with-password}` the same URL with a user and password in it).
 *
 * Adding an input path (test suites, batch lines): add a group below with its
 * files and the command that reads them; the harness needs no change.
 */

export type FileContent =
  | string
  | Uint8Array
  /** A file of this many bytes that takes no disk space (all zero bytes). */
  | { sparse: number }
  | { symlinkTo: string }
  | { directory: true }
  /** `prefix + unit × times + suffix`, built when the row runs. */
  | { prefix?: string; unit: string; times: number; suffix?: string };

export interface BadInputRow {
  /** What is wrong, in words: the test name. */
  name: string;
  files?: Record<string, FileContent>;
  args: string[];
  env?: Record<string, string>;
  /** The line on stderr after `iamwhy: ` (an error) or the whole warning line (a warning row). */
  line: RegExp;
  /** `error` (default): exit 2, nothing on stdout. `warning`: the command still answers (exit 0 or 1) with exactly this one warning. */
  outcome?: 'error' | 'warning';
  /** Also run through bin/iamwhy.js in a child process with a 128 MB heap. */
  heavy?: boolean;
  /** Also with `-o json`: the same message as a JSON error on stdout (default true for file inputs). */
  json?: boolean;
  /** Only in process: an argument longer than the operating system passes to a child (~128 KB). */
  inProcessOnly?: boolean;
  /** Standard input, for `-` (a file of the row's directory, as `@name`, or a device): the row then runs only in a child process. */
  stdin?: string;
}

export interface RowGroup {
  path: string;
  rows: BadInputRow[];
}

const ALICE = 'arn:aws:iam::111111111111:user/alice';
const OBJECT = 'arn:aws:s3:::bucket/key';
const explain = (...extra: string[]): string[] => [ALICE, 's3:GetObject', '-r', OBJECT, ...extra];
const GOOD_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }, null, 2);
const policyWith = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
const statement = (extra: object = {}): object => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra });
const utf16 = (text: string): Uint8Array => Buffer.from(text, 'utf16le');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DENIAL = `User: ${ALICE} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no identity-based policy allows the s3:GetObject action`;
const GAAD_USER = (extra: object = {}): object => ({ UserName: 'alice', Arn: ALICE, UserPolicyList: [{ PolicyName: 'read', PolicyDocument: JSON.parse(GOOD_POLICY) as object }], ...extra });
const gaad = (value: object): string => JSON.stringify(value, null, 1);
const fromSnapshot = (...extra: string[]): string[] => ['alice', 's3:GetObject', '-r', OBJECT, '--snapshot', '@snapshot.json', ...extra];
const ORG_SCP = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const withOrg = (...extra: string[]): string[] => explain('-i', '@policy.json', '--organization-config', '@org.yaml', ...extra);
const orgFiles = (yaml: FileContent, more: Record<string, FileContent> = {}): Record<string, FileContent> => ({ 'policy.json': GOOD_POLICY, 'org.yaml': yaml, 'scp.json': ORG_SCP, ...more });
const withContext = (flag: string, ...extra: string[]): string[] => explain('-i', '@policy.json', flag, '@context.json', ...extra);
const contextFiles = (content: FileContent): Record<string, FileContent> => ({ 'policy.json': GOOD_POLICY, 'context.json': content });
const withPolicy = (content: FileContent, flag = '-i', extra: string[] = []): BadInputRow['files'] & object => ({ 'policy.json': flag === '-i' ? content : GOOD_POLICY, ...(flag === '-i' ? {} : { 'other.json': content }), ...Object.fromEntries(extra.map((name) => [name, GOOD_POLICY])) });
const CACHE_MANIFEST = JSON.stringify({ format: 1, downloadedAt: '2026-01-01T00:00:00.000Z', baseUrl: 'https://mirror.example/', serviceCount: 1 });
const S3_DOCUMENT = JSON.stringify({ Name: 's3', Actions: [{ Name: 'GetObject', Resources: [{ Name: 'object' }] }], Resources: [{ Name: 'object', ARNFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] }], ConditionKeys: [] });
const cache = (files: Partial<Record<'manifest' | 'services' | 's3', FileContent>>): Record<string, FileContent> => ({
  'policy.json': GOOD_POLICY,
  'cache/service-reference/manifest.json': files.manifest ?? CACHE_MANIFEST,
  'cache/service-reference/services.json': files.services ?? '{"s3": {"file": "services/s3.json"}}',
  'cache/service-reference/services/s3.json': files.s3 ?? S3_DOCUMENT,
});
const CACHE_ENV = { IAMWHY_CACHE_DIR: '@cache' };
const update = ['--update-definitions'];
const mirror = (path: string, extra: Record<string, string> = {}): Record<string, string> => ({ IAMWHY_SERVICE_REFERENCE_URL: `{server}${path}`, IAMWHY_CACHE_DIR: '@cache', ...extra });

export const GROUPS: RowGroup[] = [
  {
    path: 'policy files (-i, -R, --permission-boundary, --session-policy, --vpc-endpoint-policy)',
    rows: [
      { name: 'an empty file', files: withPolicy(''), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: The document is not valid JSON: the document is empty$/ },
      { name: 'only white space', files: withPolicy('  \n\t\n'), args: explain('-i', '@policy.json'), line: /policy\.json:3:1: error: The document is not valid JSON: the document is empty$/ },
      { name: 'an unclosed object', files: withPolicy('{"Version": "2012-10-17", "Statement": ['), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: The document is not valid JSON: expected a value but found the end of the document$/ },
      { name: 'a trailing comma', files: withPolicy('{"Version": "2012-10-17",}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:26: error: .*a trailing comma is not allowed/ },
      { name: 'a comment', files: withPolicy('// my policy\n{}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: The document is not valid JSON: expected a value but found "\/"$/ },
      { name: 'single quotes', files: withPolicy("{'Version': '2012-10-17'}"), args: explain('-i', '@policy.json'), line: /policy\.json:1:2: error: .*expected a quoted key/ },
      { name: 'two documents in one file', files: withPolicy(`${GOOD_POLICY}\n{}`), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:1: error: .*after the end of the JSON value$/ },
      { name: 'a JSON list instead of a policy', files: withPolicy('[]'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: .*(object|Statement)/ },
      { name: 'a JSON string instead of a policy', files: withPolicy('"Allow everything"'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: / },
      { name: 'null', files: withPolicy('null'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: / },
      { name: 'a number', files: withPolicy('42'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: / },
      { name: 'a raw line break inside a string', files: withPolicy('{"Version": "2012-\n10-17"}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: .*control character \(such as a line break\) must be escaped/ },
      { name: 'an invalid escape', files: withPolicy('{"Version": "\\x41"}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:14: error: .*"\\x" is not a valid escape sequence$/ },
      { name: 'a short \\u escape', files: withPolicy('{"Version": "\\u00"}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:14: error: .*four hex digits$/ },
      { name: 'a number with a leading zero', files: withPolicy('{"Version": 01}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:13: error: .*leading zero$/ },
      { name: 'a NUL byte in the middle', files: withPolicy(`{"Version": "2012-10-17",\u0000 "Statement": []}`), args: explain('-i', '@policy.json'), line: /policy\.json:1:26: error: The document is not valid JSON: expected a quoted key but found "\\u0000"$/ },
      { name: 'binary garbage', files: withPolicy(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it is not UTF-8 text \(byte 0x89 at line 1, column 1\); save it as UTF-8$/ },
      { name: 'Latin-1 text (not UTF-8)', files: withPolicy(Buffer.from(policyWith(statement({ Sid: 'Zürich' })), 'latin1')), args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it is not UTF-8 text \(byte 0xFC at line \d+, column \d+\); save it as UTF-8$/ },
      { name: 'UTF-16 without a byte-order mark', files: withPolicy(utf16(GOOD_POLICY)), args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it looks like UTF-16 text without a byte-order mark, which is not supported; save it as UTF-8$/ },
      { name: 'UTF-32 with a byte-order mark', files: withPolicy(new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0])), args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it is UTF-32 text, which is not supported; save it as UTF-8$/ },
      { name: 'nested 300 levels deep', files: withPolicy({ prefix: '{"Version": "2012-10-17", "Statement": ', unit: '[', times: 300 }), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: .*values are nested more than 256 levels deep$/ },
      { name: 'nested 100,000 levels deep', files: withPolicy({ unit: '[', times: 100_000 }), args: explain('-i', '@policy.json'), line: /policy\.json:1:258: error: .*nested more than 256 levels deep$/, heavy: true },
      { name: 'larger than the policy limit (300 KiB)', files: withPolicy({ prefix: '{"Version": "2012-10-17", "Id": "', unit: 'a', times: 300 * 1024, suffix: '"}' }), args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it is 300\.0 KiB, more than the 256 KiB limit for a policy \(AWS stores policies of at most 32 KB\)$/, heavy: true },
      { name: 'a 50 MB policy file', files: withPolicy({ sparse: 50 * 1024 * 1024 }), args: explain('-i', '@policy.json'), line: /policy\.json": it is 50 MiB, more than the 256 KiB limit for a policy/, heavy: true },
      { name: '/dev/zero, read until memory runs out before', args: explain('-i', '/dev/zero'), line: /cannot read identity policy file "\/dev\/zero": it is larger than the 256 KiB limit for a policy/, heavy: true },
      { name: 'a directory', files: { 'policy.json': { directory: true } }, args: explain('-i', '@policy.json'), line: /cannot read identity policy file ".*policy\.json": it is a directory$/ },
      { name: 'a missing file', args: explain('-i', '@missing.json'), line: /cannot read identity policy file ".*missing\.json": no such file$/ },
      { name: 'a symbolic link that points to itself (ELOOP)', files: { 'loop.json': { symlinkTo: 'loop.json' } }, args: explain('-i', '@loop.json'), line: /cannot read identity policy file ".*loop\.json": too many levels of symbolic links/ },
      { name: 'a path through a file (ENOTDIR)', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json/inner.json'), line: /cannot read identity policy file ".*policy\.json\/inner\.json": a part of the path is not a directory$/ },
      { name: 'no Statement', files: withPolicy('{"Version": "2012-10-17"}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: .*Statement/ },
      { name: 'Statement is a number', files: withPolicy('{"Version": "2012-10-17", "Statement": 7}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: .*Statement/ },
      { name: 'no Effect', files: withPolicy(policyWith({ Action: 's3:GetObject', Resource: '*' })), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*Effect/ },
      { name: 'a misspelt Effect', files: withPolicy(policyWith(statement({ Effect: 'Alow' }))), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*Alow/ },
      { name: 'both Action and NotAction', files: withPolicy(policyWith(statement({ NotAction: 's3:PutObject' }))), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*Action.*NotAction/ },
      { name: 'no Resource in an identity policy', files: withPolicy(policyWith({ Effect: 'Allow', Action: 's3:GetObject' })), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*Resource/ },
      { name: 'an unknown Version', files: withPolicy('{"Version": "2012-10-18", "Statement": []}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: .*2012-10-18/ },
      { name: 'a condition value that is an object', files: withPolicy(policyWith(statement({ Condition: { StringEquals: { 'aws:username': { nested: 1 } } } }))), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: / },
      { name: 'an unknown condition operator', files: withPolicy(policyWith(statement({ Condition: { StringEqualz: { 'aws:username': 'x' } } }))), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*StringEqualz.*StringEquals/ },
      { name: 'a repeated key with a different value', files: withPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}]}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: .*Effect/ },
      { name: 'a resource policy (-R) whose Principal is a number', files: withPolicy(policyWith(statement({ Principal: 5 })), '-R'), args: explain('-i', '@policy.json', '-R', '@other.json'), line: /other\.json:\d+:\d+: error: Statement\[0\]\.Principal must be "\*" or an object of principal types, not a number$/ },
      { name: 'a resource policy (-R) without Principal', files: withPolicy(policyWith(statement()), '-R'), args: explain('-i', '@policy.json', '-R', '@other.json'), line: /other\.json:\d+:\d+: error: .*Principal/ },
      { name: 'a URL-encoded document with a bad escape', files: withPolicy('%7B%22Version%ZZ'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: The document looks URL-encoded but "%ZZ" is not a valid percent-escape$/ },
      { name: 'a URL-encoded document that is not UTF-8', files: withPolicy('%7B%FF%7D'), args: explain('-i', '@policy.json'), line: /policy\.json:1:1: error: The document looks URL-encoded but its percent-escapes do not spell valid UTF-8 text$/ },
      { name: 'an account snapshot given as a policy', files: withPolicy(gaad({ UserDetailList: [GAAD_USER()] })), args: explain('-i', '@policy.json'), line: /policy\.json:\d+:\d+: error: .*\(this is an account snapshot: pass it with --snapshot\)$/ },
      { name: 'the second of two -R files is broken', files: { 'policy.json': GOOD_POLICY, 'a.json': policyWith(statement({ Principal: '*' })), 'b.json': '{' }, args: explain('-i', '@policy.json', '-R', '@a.json', '-R', '@b.json'), line: /b\.json:1:2: error: / },
      { name: 'a broken permissions boundary', files: withPolicy('{"Statement": 1}', '--permission-boundary'), args: explain('-i', '@policy.json', '--permission-boundary', '@other.json'), line: /other\.json:1:\d+: error: / },
      { name: 'two permissions boundaries', files: withPolicy(GOOD_POLICY, '-i', ['b1.json', 'b2.json']), args: explain('-i', '@policy.json', '--permission-boundary', '@b1.json', '--permission-boundary', '@b2.json'), line: /at most one permissions boundary/ },
      { name: 'a broken session policy', files: withPolicy('[', '--session-policy'), args: ['arn:aws:sts::111111111111:assumed-role/Dev/s', 's3:GetObject', '-r', OBJECT, '-i', '@policy.json', '--session-policy', '@other.json'], line: /other\.json:1:2: error: / },
      { name: 'a missing VPC endpoint policy', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--vpc-endpoint-policy', '@nothing.json'), line: /cannot read VPC endpoint policy file ".*nothing\.json": no such file$/ },
      { name: 'standard input (-) that never ends (cat /dev/zero | iamwhy … -i -)', stdin: '/dev/zero', args: explain('-i', '-'), line: /^cannot read identity policy file "-": it is larger than the 256 KiB limit for a policy/ },
      { name: 'standard input (-) in UTF-16 without a byte-order mark', files: { 'in.json': utf16(GOOD_POLICY) }, stdin: '@in.json', args: explain('-i', '-'), line: /^cannot read identity policy file "-": it looks like UTF-16 text without a byte-order mark/ },
      { name: 'standard input (-) that is not JSON', files: { 'in.json': 'Effect: Allow' }, stdin: '@in.json', args: explain('-i', '-'), line: /^<stdin>:1:1: error: .*not valid JSON: expected a value but found "Effect"$/ },
      { name: 'a control-character Sid in a broken file is shown as data', files: withPolicy('{"Version": "2012-10-17", "Statement": [{"Sid": "A\\u001b]0;pwned\\u0007", "Effect": "Allow", "Resource": "*"}]}'), args: explain('-i', '@policy.json'), line: /policy\.json:1:\d+: error: Statement\[0\] has neither "Action" nor "NotAction"$/ },
    ],
  },
  {
    path: 'context files (--principal-context, --resource-context, --request-context)',
    rows: [
      { name: 'not JSON', files: contextFiles('arn: alice'), args: withContext('--principal-context'), line: /context\.json:1:1: error: not valid JSON: expected a value but found "arn"$/ },
      { name: 'a list instead of an object', files: contextFiles('[]'), args: withContext('--principal-context'), line: /context\.json:1:1: error: .*(object|mapping)/ },
      { name: 'an unknown field, with the near one', files: contextFiles('{"arnn": "x"}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: unknown field "arnn" in the principal context; expected one of arn, .*\(did you mean "arn"\?\)$/ },
      { name: 'tags as a string', files: contextFiles('{"tags": "team=data"}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: .*tags/ },
      { name: 'an unknown principal_type', files: contextFiles('{"principal_type": "Robot"}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: principal_type must be one of/ },
      { name: 'an account id as a number', files: contextFiles('{"account": 111111111111}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: .*account/ },
      { name: 'an ARN that is no principal', files: contextFiles('{"arn": "arn:aws:s3:::bucket"}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: arn: / },
      { name: 'a repeated key', files: contextFiles('{"account": "111111111111", "account": "222222222222"}'), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: account is given twice$/ },
      { name: 'nested 300 levels deep', files: contextFiles({ prefix: '{"tags": ', unit: '[', times: 300 }), args: withContext('--principal-context'), line: /context\.json:1:\d+: error: not valid JSON: values are nested more than 256 levels deep$/ },
      { name: 'larger than the context limit (2 MiB)', files: contextFiles({ sparse: 2 * 1024 * 1024 }), args: withContext('--resource-context'), line: /cannot read resource context file ".*context\.json": it is 2 MiB, more than the 1 MiB limit for a context file$/, heavy: true },
      { name: 'a directory', files: { 'policy.json': GOOD_POLICY, 'context.json': { directory: true } }, args: withContext('--resource-context'), line: /cannot read resource context file ".*context\.json": it is a directory$/ },
      { name: 'UTF-16 without a byte-order mark', files: contextFiles(utf16('{"account": "111111111111"}')), args: withContext('--resource-context'), line: /cannot read resource context file ".*context\.json": it looks like UTF-16/ },
      { name: 'an organization id that is a number', files: contextFiles('{"org_id": 123}'), args: withContext('--resource-context'), line: /context\.json:1:\d+: error: .*org_id/ },
      { name: 'a custom value of the wrong type (aws:SourceIp)', files: contextFiles('{"custom": {"aws:SourceIp": "10.0.0.300"}}'), args: withContext('--request-context'), line: /context\.json:1:\d+: error: .*aws:SourceIp.*10\.0\.0\.300/ },
      { name: 'a custom key that is no condition key', files: contextFiles('{"custom": {"SourceIp": "10.0.0.1"}}'), args: withContext('--request-context'), line: /context\.json:1:\d+: error: .*SourceIp/ },
      { name: 'mfa_present "yes"', files: contextFiles('{"session": {"mfa_present": "yes"}}'), args: withContext('--request-context'), line: /context\.json:1:\d+: error: .*mfa_present/ },
      { name: 'an unknown section', files: contextFiles('{"netwrok": {}}'), args: withContext('--request-context'), line: /context\.json:1:\d+: error: unknown field "netwrok" in the request context; .*\(did you mean "network"\?\)$/ },
    ],
  },
  {
    path: 'organization YAML (--organization-config) and the policy files it names',
    rows: [
      { name: 'an unclosed flow list', files: orgFiles('scp_hierarchy:\n  root: [scp.json\n'), args: withOrg(), line: /org\.yaml:\d+:\d+: error: invalid YAML: / },
      { name: 'many syntax errors give one line', files: orgFiles('scp_hierarchy:\n  root: [a\n  ous: {b: [c\nrcp_hierarchy: ]]]\n  - x\n'), args: withOrg(), line: /org\.yaml:\d+:\d+: error: invalid YAML: / },
      { name: 'a .env file (secrets are not echoed)', files: orgFiles(`AWS_SECRET_ACCESS_KEY=${SECRET}\n`), args: withOrg(), line: /org\.yaml:1:1: error: the organization config must be a mapping with scp_hierarchy and\/or rcp_hierarchy, got the string "AWS_SECRET_ACCESS_KEY=\[redacted\]"$/ },
      { name: 'a list at the top', files: orgFiles('- scp.json\n'), args: withOrg(), line: /org\.yaml:1:1: error: the organization config must be a mapping .*got a list$/ },
      { name: 'an unknown top-level key, with the near one', files: orgFiles('scp_hierarchey:\n  root: [scp.json]\n'), args: withOrg(), line: /org\.yaml:1:1: error: unknown key "scp_hierarchey"; expected scp_hierarchy, rcp_hierarchy \(did you mean "scp_hierarchy"\?\)$/ },
      { name: 'a hierarchy that is a string', files: orgFiles('scp_hierarchy: scp.json\n'), args: withOrg(), line: /org\.yaml:1:16: error: scp_hierarchy must be a mapping/ },
      { name: 'root that is not a list', files: orgFiles('scp_hierarchy:\n  root: scp.json\n'), args: withOrg(), line: /org\.yaml:2:9: error: scp_hierarchy\.root must be a list of policy file paths, got the string "scp\.json"$/ },
      { name: 'an OU without id', files: orgFiles('scp_hierarchy:\n  ous:\n    - policies: [scp.json]\n'), args: withOrg(), line: /org\.yaml:3:\d+: error: scp_hierarchy\.ous\[0\] has no id/ },
      { name: 'an OU without policies', files: orgFiles('scp_hierarchy:\n  ous:\n    - id: ou-ab12-11111111\n'), args: withOrg(), line: /org\.yaml:3:\d+: error: scp_hierarchy\.ous\[0\] has no policies/ },
      { name: 'a policy path that is a number', files: orgFiles('scp_hierarchy:\n  root: [42]\n'), args: withOrg(), line: /org\.yaml:2:10: error: scp_hierarchy\.root\[0\] must be a policy file path, got number 42$/ },
      { name: 'a named policy file that does not exist', files: orgFiles('scp_hierarchy:\n  root: [nothing.json]\n'), args: withOrg(), line: /org\.yaml:2:10: error: scp_hierarchy\.root\[0\]: cannot read SCP file ".*nothing\.json": no such file$/ },
      { name: 'a named policy file that is broken', files: orgFiles('scp_hierarchy:\n  root: [bad.json]\n', { 'bad.json': '{"Statement": [' }), args: withOrg(), line: /bad\.json:1:\d+: error: / },
      { name: 'a named policy file that is a directory', files: orgFiles('scp_hierarchy:\n  root: [dir]\n', { dir: { directory: true } }), args: withOrg(), line: /scp_hierarchy\.root\[0\]: cannot read SCP file ".*dir": it is a directory$/ },
      { name: 'a repeated key', files: orgFiles('scp_hierarchy:\n  root: [scp.json]\nscp_hierarchy:\n  root: [scp.json]\n'), args: withOrg(), line: /org\.yaml:3:1: error: invalid YAML: Map keys must be unique/ },
      { name: 'an undefined alias', files: orgFiles('scp_hierarchy: *missing\n'), args: withOrg(), line: /org\.yaml:1:\d+: error: / },
      { name: 'flow nesting 100,000 deep', files: orgFiles({ prefix: 'scp_hierarchy:\n  root: ', unit: '[', times: 100_000 }), args: withOrg(), line: /org\.yaml:2:263: error: the YAML is nested more than 256 levels deep$/, heavy: true },
      { name: 'compact nesting (- - - … x) 100,000 deep', files: orgFiles({ unit: '- ', times: 100_000, suffix: 'x\n' }), args: withOrg(), line: /org\.yaml:1:\d+: error: the YAML is nested more than 256 levels deep$/, heavy: true },
      { name: 'larger than the YAML limit (2 MiB)', files: orgFiles({ sparse: 2 * 1024 * 1024 }), args: withOrg(), line: /cannot read organization config file ".*org\.yaml": it is 2 MiB, more than the 1 MiB limit for an organization config$/, heavy: true },
      { name: 'NUL bytes', files: orgFiles(new Uint8Array([0x61, 0x3a, 0x00, 0x00, 0x0a])), args: withOrg(), line: /org\.yaml:\d+:\d+: error: / },
      { name: 'UTF-16 without a byte-order mark', files: orgFiles(utf16('scp_hierarchy:\n  root: []\n')), args: withOrg(), line: /cannot read organization config file ".*org\.yaml": it looks like UTF-16/ },
      { name: 'a directory', files: { 'policy.json': GOOD_POLICY, 'org.yaml': { directory: true } }, args: withOrg(), line: /cannot read organization config file ".*org\.yaml": it is a directory$/ },
    ],
  },
  {
    path: 'snapshots (--snapshot)',
    rows: [
      { name: 'not JSON', files: { 'snapshot.json': 'UserDetailList: []' }, args: fromSnapshot(), line: /snapshot\.json:1:1: error: not valid JSON: expected a value but found "UserDetailList"$/ },
      { name: 'an empty file', files: { 'snapshot.json': '' }, args: fromSnapshot(), line: /snapshot\.json:1:1: error: not valid JSON: the document is empty$/ },
      { name: 'an empty list', files: { 'snapshot.json': '[]' }, args: fromSnapshot(), line: /snapshot\.json: error: expected snapshot content, found an empty array$/ },
      { name: 'a policy, not a snapshot', files: { 'snapshot.json': GOOD_POLICY }, args: fromSnapshot(), line: /snapshot\.json: error: not a snapshot: expected an iamwhy snapshot/ },
      { name: 'UserDetailList is a string', files: { 'snapshot.json': gaad({ UserDetailList: 'alice' }) }, args: fromSnapshot(), line: /snapshot\.json: error at UserDetailList: expected an array, found a string$/ },
      { name: 'a user without Arn', files: { 'snapshot.json': gaad({ UserDetailList: [{ UserName: 'alice' }] }) }, args: fromSnapshot(), line: /snapshot\.json: error at UserDetailList\[0\]\.Arn: missing required "Arn"$/ },
      { name: 'a user whose Arn is not an IAM user ARN', files: { 'snapshot.json': gaad({ UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:s3:::alice' }] }) }, args: fromSnapshot(), line: /snapshot\.json: error at UserDetailList\[0\]\.Arn: "arn:aws:s3:::alice" is not an IAM user ARN/ },
      { name: 'a policy document nested 5,000 deep', files: { 'snapshot.json': { prefix: '{"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111111111111:user/alice", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": ', unit: '[', times: 5000, suffix: `${']'.repeat(5000)}}}]}]}` } }, args: fromSnapshot(), line: /snapshot\.json:1:\d+: error: values are nested more than 256 levels deep \(at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument\.Statement/, heavy: true },
      { name: 'a repeated key makes users vanish: a warning naming the key and place', outcome: 'warning', files: { 'snapshot.json': `{"UserDetailList": [], "UserDetailList": ${JSON.stringify([GAAD_USER()])}}` }, args: fromSnapshot(), line: /^.*snapshot\.json:1:24: warning: "UserDetailList" is given twice in the top-level object \(first at line 1, column 2\); only this later value is read, the earlier one is ignored$/ },
      { name: 'larger than the snapshot limit (300 MiB)', files: { 'snapshot.json': { sparse: 300 * 1024 * 1024 } }, args: fromSnapshot(), line: /snapshot\.json: error: cannot read the snapshot: it is 300 MiB, more than the 256 MiB limit for a snapshot file/, heavy: true },
      { name: '/dev/zero as a snapshot', args: ['alice', 's3:GetObject', '--snapshot', '/dev/zero'], line: /\/dev\/zero: error: cannot read the snapshot: it is larger than the 256 MiB limit for a snapshot file/, heavy: true },
      { name: 'UTF-16 without a byte-order mark', files: { 'snapshot.json': utf16(gaad({ UserDetailList: [GAAD_USER()] })) }, args: fromSnapshot(), line: /snapshot\.json: error: cannot read the snapshot: it looks like UTF-16/ },
      { name: 'Latin-1 text', files: { 'snapshot.json': Buffer.from(gaad({ UserDetailList: [GAAD_USER({ UserName: 'älice' })] }), 'latin1') }, args: fromSnapshot(), line: /snapshot\.json: error: cannot read the snapshot: it is not UTF-8 text/ },
      { name: 'a URL-encoded policy of the user with a bad escape', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER({ UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B%ZZ' }] })] }) }, args: fromSnapshot(), line: /snapshot\.json: error at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument: The document looks URL-encoded but "%ZZ" is not a valid percent-escape$/ },
      { name: 'a policy document string larger than the policy limit', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER({ UserPolicyList: [{ PolicyName: 'p', PolicyDocument: `{"Id": "${'a'.repeat(300 * 1024)}"}` }] })] }) }, args: fromSnapshot(), line: /snapshot\.json: error at UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument: The document is 307,\d{3} characters, more than the 256 KiB limit for a policy/ },
      { name: 'an iamwhy snapshot of an unknown version', files: { 'snapshot.json': '{"iamwhySnapshot": 2, "accounts": []}' }, args: fromSnapshot(), line: /snapshot\.json: error at iamwhySnapshot: / },
      { name: 'a user the snapshot does not have, with the closest names', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER()] }) }, args: ['alcie', 's3:GetObject', '--snapshot', '@snapshot.json'], line: /alcie.*alice/ },
      { name: 'a directory', files: { 'snapshot.json': { directory: true } }, args: fromSnapshot(), line: /snapshot\.json: error: cannot read the snapshot: it is a directory$/ },
      { name: 'the second of two snapshots is broken', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER()] }), 'page2.json': '{"RoleDetailList": [' }, args: fromSnapshot('--snapshot', '@page2.json'), line: /page2\.json:1:\d+: error: not valid JSON/ },
      { name: 'who-can: a snapshot that is not JSON', files: { 'snapshot.json': '{' }, args: ['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', '@snapshot.json'], line: /snapshot\.json:1:2: error: not valid JSON/ },
    ],
  },
  {
    path: 'AccessDenied messages (explain-error) and decoded authorization messages (--decoded)',
    rows: [
      { name: 'an empty message', args: ['explain-error', ''], line: /^the message is empty: give the AccessDenied message as an argument, or pipe it in$/ },
      { name: 'a message on standard input that never ends', stdin: '/dev/zero', args: ['explain-error'], line: /^standard input is longer than 1048576 characters: that is not one AccessDenied message$/ },
      { name: 'a 2 MiB message as an argument (in process)', args: ['explain-error', `User: ${'a'.repeat(2 * 1024 * 1024)}`], line: /^the message is longer than 1048576 characters: that is not one AccessDenied message$/, inProcessOnly: true },
      { name: 'a decoded message that never ends (/dev/zero)', args: ['explain-error', DENIAL, '--decoded', '/dev/zero'], line: /^cannot read decoded authorization message file "\/dev\/zero": it is larger than the 1 MiB limit for a decoded authorization message$/ },
      { name: 'a decoded message that is not JSON', files: { 'decoded.json': 'DecodedMessage: x' }, args: ['explain-error', DENIAL, '--decoded', '@decoded.json'], line: /decoded\.json:1:1: error: not valid JSON: expected a value but found "DecodedMessage"$/ },
      { name: 'a decoded message in UTF-16 without a byte-order mark', files: { 'decoded.json': utf16('{"DecodedMessage": "{}"}') }, args: ['explain-error', DENIAL, '--decoded', '@decoded.json'], line: /^cannot read decoded authorization message file ".*decoded\.json": it looks like UTF-16 text without a byte-order mark/ },
      { name: 'a decoded message file that is missing', args: ['explain-error', DENIAL, '--decoded', '@nothing.json'], line: /^cannot read decoded authorization message file ".*nothing\.json": no such file$/ },
    ],
  },
  {
    path: 'CloudTrail events (explain-event)',
    rows: [
      { name: 'not JSON', files: { 'events.json': '{"Records": [' }, args: ['explain-event', '@events.json'], line: /events\.json:1:14: error: not valid JSON: expected a value but found the end of the document$/ },
      { name: 'no events', files: { 'events.json': '{"Records": []}' }, args: ['explain-event', '@events.json'], line: /events\.json holds no events$/ },
      { name: 'JSON Lines with a broken line', files: { 'events.json': '{"eventName": "GetObject"}\n{"eventName":\n' }, args: ['explain-event', '@events.json'], line: /events\.json: line 2 is not a JSON event: not valid JSON: / },
      { name: 'nested 5,000 deep', files: { 'events.json': { prefix: '{"Records": ', unit: '[', times: 5000, suffix: `${']'.repeat(5000)}}` } }, args: ['explain-event', '@events.json'], line: /events\.json holds no CloudTrail events/ },
      { name: 'an event file larger than the limit (300 MiB)', files: { 'events.json': { sparse: 300 * 1024 * 1024 } }, args: ['explain-event', '@events.json'], line: /^cannot read event file ".*events\.json": it is 300 MiB, more than the 256 MiB limit for an event file \(split it, or pick the events first, e\.g\. with jq\)$/, heavy: true },
      { name: '/dev/zero as the event file', args: ['explain-event', '/dev/zero'], line: /^cannot read event file "\/dev\/zero": it is larger than the 256 MiB limit for an event file/, heavy: true },
      { name: 'events on standard input that never end', stdin: '/dev/zero', args: ['explain-event', '-'], line: /^standard input is longer than \d+ characters/ },
      { name: 'an event file in UTF-16 without a byte-order mark', files: { 'events.json': utf16('{"Records": []}') }, args: ['explain-event', '@events.json'], line: /^cannot read event file ".*events\.json": it looks like UTF-16 text without a byte-order mark/ },
      { name: 'an event file that is a directory', files: { 'events.json': { directory: true } }, args: ['explain-event', '@events.json'], line: /^cannot read event file ".*events\.json": it is a directory$/ },
      { name: 'an event file that is missing', args: ['explain-event', '@nothing.json'], line: /^cannot read event file ".*nothing\.json": no such file$/ },
      { name: 'an event file that is Latin-1', files: { 'events.json': Buffer.from('{"Records": [{"eventName": "Zürich"}]}', 'latin1') }, args: ['explain-event', '@events.json'], line: /^cannot read event file ".*events\.json": it is not UTF-8 text \(byte 0xFC at line 1, column 30\); save it as UTF-8$/ },
    ],
  },
  {
    path: '--context KEY=VALUE',
    rows: [
      { name: 'no "="', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:SourceIp'), line: /^--context aws:SourceIp: expected KEY=VALUE/ },
      { name: 'an empty key', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', '=x'), line: /^--context =x: the key before "=" is empty$/ },
      { name: 'no condition key', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'SourceIp=1.2.3.4'), line: /^--context SourceIp=1\.2\.3\.4: "SourceIp" is not a condition key/ },
      { name: 'an empty tag key (aws:PrincipalTag/=x)', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:PrincipalTag/=x'), line: /^--context aws:PrincipalTag\/=x: "aws:PrincipalTag\/" names no tag key after the "\/"/ },
      { name: 'a number that reads as Infinity (s3:max-keys=1e999)', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 's3:max-keys=1e999'), line: /^--context s3:max-keys=1e999: s3:max-keys is Numeric; "1e999" is too large to be a number$/ },
      { name: 'a service key of the wrong type (s3:max-keys=abc)', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 's3:max-keys=abc'), line: /^--context s3:max-keys=abc: s3:max-keys is Numeric; "abc" is not a number$/ },
      { name: 'an IP address out of range', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:SourceIp=10.0.0.300'), line: /aws:SourceIp is IPAddress; "10\.0\.0\.300" is not an IPv4 or IPv6 address/ },
      { name: 'a date that is no date', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:CurrentTime=yesterday'), line: /aws:CurrentTime is Date; "yesterday" is not an ISO 8601 date/ },
      { name: 'a Bool that is neither', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:SecureTransport=yes'), line: /aws:SecureTransport is Bool; "yes" is not true or false$/ },
      { name: 'an ARN that is no ARN', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:SourceArn=bucket'), line: /aws:SourceArn is ARN; "bucket" is not an ARN/ },
      { name: 'a numeric global key that reads as Infinity', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', 'aws:MultiFactorAuthAge=1e999'), line: /aws:MultiFactorAuthAge is Numeric; "1e999" is too large to be a number$/ },
      { name: 'a 200,000-character value is not echoed whole', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--context', `aws:SourceIp=${'9'.repeat(200_000)}`), line: /^--context aws:SourceIp=9{187}… \(200,013 characters\): aws:SourceIp is IPAddress; "9{60}…" \(200,000 characters\) is not an IPv4 or IPv6 address or CIDR block$/, inProcessOnly: true },
      { name: 'who-can: a bad value', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER()] }) }, args: ['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', '@snapshot.json', '--context', 's3:max-keys=1e999'], line: /^--context s3:max-keys=1e999: s3:max-keys is Numeric/ },
    ],
  },
  {
    path: 'arguments',
    rows: [
      { name: 'none at all', args: [], line: /^missing PRINCIPAL and ACTION/ },
      { name: 'no action', files: withPolicy(GOOD_POLICY), args: [ALICE, '-i', '@policy.json'], line: /^missing ACTION/ },
      { name: 'no sources and no AWS credentials (live mode)', args: [ALICE, 's3:GetObject'], line: /^no AWS credentials found: configure them/ },
      { name: 'an unknown option, with the near one', args: [ALICE, 's3:GetObject', '--resouce', OBJECT], line: /^unknown option '--resouce'; did you mean --resource\? \(see iamwhy --help\)$/ },
      { name: 'an unknown output format', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '-o', 'yaml'), line: /^--output must be one of text, summary, quiet, json, not "yaml"$/ },
      { name: 'an unknown colour mode', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--color', 'sometimes'), line: /^--color must be one of auto, always, never, not "sometimes"$/ },
      { name: 'an S3 URL for the resource', files: withPolicy(GOOD_POLICY), args: [ALICE, 's3:GetObject', '-r', 's3://bucket/key', '-i', '@policy.json'], line: /^RESOURCE "s3:\/\/bucket\/key" is not an ARN; did you mean arn:aws:s3:::bucket\/key\?$/ },
      { name: 'a region that is no region', files: withPolicy(GOOD_POLICY), args: explain('-i', '@policy.json', '--region', 'europe'), line: /^--region europe: not a region name such as eu-west-1$/ },
      { name: 'an unknown action, with the near one', files: withPolicy(GOOD_POLICY), args: [ALICE, 's3:GetObjects', '-i', '@policy.json'], line: /^unknown action "s3:GetObjects"; did you mean s3:GetObject/ },
      { name: 'an action without a service', files: withPolicy(GOOD_POLICY), args: [ALICE, 'GetObject', '-i', '@policy.json'], line: /ACTION "GetObject"/ },
      { name: 'an unknown service', files: withPolicy(GOOD_POLICY), args: [ALICE, 's4:GetObject', '-i', '@policy.json'], line: /^unknown service "s4" in ACTION "s4:GetObject"/ },
      { name: 'a bare name without a snapshot', files: withPolicy(GOOD_POLICY), args: ['alice', 's3:GetObject', '-i', '@policy.json'], line: /^"alice" is a bare name: give its ARN, or --snapshot FILE/ },
      { name: 'too many arguments', files: withPolicy(GOOD_POLICY), args: [ALICE, 's3:GetObject', 'extra', '-i', '@policy.json'], line: /^too many arguments/ },
      { name: 'the principal twice', files: withPolicy(GOOD_POLICY), args: [ALICE, 's3:GetObject', '-p', ALICE, '-i', '@policy.json'], line: /^give the principal once/ },
      { name: 'an account id that is not 12 digits', files: withPolicy(GOOD_POLICY), args: ['arn:aws:iam::1234:user/alice', 's3:GetObject', '-i', '@policy.json'], line: /1234/ },
      { name: 'a 200,000-character principal is not echoed whole', files: withPolicy(GOOD_POLICY), args: [`p${'a'.repeat(200_000)}`, 's3:GetObject', '-i', '@policy.json'], line: /^"pa{199}… \(200,001 characters\)" is a bare name/, inProcessOnly: true },
      { name: 'a 200,000-character unknown option is not echoed whole', args: [ALICE, 's3:GetObject', `--${'x'.repeat(200_000)}`], line: /^unknown option '--x+.*\(cut at 2,000 of 200,\d{3} characters\)$/, inProcessOnly: true },
      { name: 'a 100,000-character resource through the real process', files: withPolicy(GOOD_POLICY), args: [ALICE, 's3:GetObject', '-r', `x${'y'.repeat(100_000)}`, '-i', '@policy.json'], line: /^RESOURCE is 100,001 characters long; an ARN has at most 2,048 \(it starts "xy{59}…"\)$/, heavy: true },
      { name: 'a resource pattern longer than any ARN (its comparison with policy patterns grows with both lengths)', files: withPolicy(policyWith(statement({ Resource: `arn:aws:s3:::${'a?'.repeat(10_000)}b*` }))), args: [ALICE, 's3:GetObject', '-r', `arn:aws:s3:::${'a'.repeat(20_000)}*`, '-i', '@policy.json'], line: /^RESOURCE is 20,014 characters long; an ARN has at most 2,048/ },
      { name: 'who-can: a resource longer than any ARN', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER()] }) }, args: ['who-can', 's3:GetObject', '-r', `arn:aws:s3:::${'k'.repeat(3000)}`, '--snapshot', '@snapshot.json'], line: /^RESOURCE is 3,013 characters long; an ARN has at most 2,048/ },
      { name: 'who-can without a snapshot', args: ['who-can', 's3:GetObject', '-r', OBJECT], line: /^who-can needs an account snapshot/ },
      { name: 'who-can with an unknown --principals', files: { 'snapshot.json': gaad({ UserDetailList: [GAAD_USER()] }) }, args: ['who-can', 's3:GetObject', '--snapshot', '@snapshot.json', '--principals', 'groups'], line: /^--principals must be one of all, users, roles, not "groups"$/ },
      { name: 'completion for an unknown shell', args: ['completion', 'powershell'], line: /^unknown shell "powershell": choose one of bash, zsh, fish$/ },
      { name: '--update-definitions with --offline', args: ['--update-definitions', '--offline'], line: /^--update-definitions fetches from AWS and cannot be combined with --offline$/ },
    ],
  },
  {
    path: 'the service data cache (a damaged cache is ignored with one warning)',
    rows: [
      { name: 'a manifest that is not JSON', outcome: 'warning', files: cache({ manifest: '{"format": 1,' }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the service data cache is unusable \(.*manifest\.json: it is not valid JSON\); using the bundled service data \(run iamwhy --update-definitions to rebuild it\)$/ },
      { name: 'a manifest of another format', outcome: 'warning', files: cache({ manifest: '{"format": 99}' }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the service data cache is unusable \(.*manifest\.json: it is not a manifest this iamwhy wrote\)/ },
      { name: 'an index of services that is a list', outcome: 'warning', files: cache({ services: '[]' }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the service data cache is unusable \(.*services\.json: it is not a JSON object of services\)/ },
      { name: 'a service file that is not JSON', outcome: 'warning', files: cache({ s3: '\u0000garbage' }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the cached service data for s3 is unusable \(.*s3\.json: it is not valid JSON\); using the bundled data for s3/ },
      { name: 'a service file that is no service document', outcome: 'warning', files: cache({ s3: '{"Name": "s3"}' }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the cached service data for s3 is unusable \(.*s3\.json: s3: "Actions" is not a list\)/ },
      { name: 'a manifest far larger than any cache file', outcome: 'warning', files: cache({ manifest: { sparse: 40 * 1024 * 1024 } }), env: CACHE_ENV, args: explain('-i', '@policy.json'), line: /^warning: the service data cache is unusable \(.*manifest\.json: it is 40 MiB, more than the 32 MiB limit for a service data cache file\)/, heavy: true },
      { name: '--version with an index of services that is a list', outcome: 'warning', files: cache({ services: '[]' }), env: CACHE_ENV, args: ['--version'], line: /^warning: the service data cache is unusable \(.*services\.json: it is not a JSON object of services\)/ },
    ],
  },
  {
    path: '--update-definitions responses (a misbehaving mirror)',
    rows: [
      { name: 'the index is missing (HTTP 404)', args: update, env: mirror('missing/'), line: /^Could not download the index of the Service Authorization Reference from http:\/\/127\.0\.0\.1:\d+\/missing\/: HTTP 404 Not Found \(the bundled service data is still used\)$/ },
      { name: 'the index is not JSON', args: update, env: mirror('text/'), line: /^Could not download the index .*: the response is not JSON/ },
      { name: 'the index is not a list', args: update, env: mirror('object/'), line: /^Could not download the index .*: the index is not a JSON array of \{ service, url \}/ },
      { name: 'an endless index', args: update, env: mirror('endless/'), line: /^Could not download the index .*: the response is larger than the 4 MiB limit for the service reference index/, heavy: true },
      { name: 'a service that redirects to another site', args: update, env: mirror('redirect/'), line: /^Could not download the Service Authorization Reference for s3 from .*: redirected to another site \(http:\/\/127\.0\.0\.1:\d+\); refusing to follow/ },
      { name: 'a service document with control characters in a name', args: update, env: mirror('control/'), line: /s3: a name holds control or bidirectional characters/ },
      { name: 'an index pointing to another site', args: update, env: mirror('elsewhere/'), line: /points s3 to another site/ },
      { name: 'a failing mirror whose URL holds a password: never printed', args: update, env: { IAMWHY_SERVICE_REFERENCE_URL: '{server-with-password}missing/', IAMWHY_CACHE_DIR: '@cache' }, line: /^Could not download the index .* from http:\/\/127\.0\.0\.1:\d+\/missing\/: HTTP 404/ },
      { name: 'a URL that is no URL', args: update, env: { IAMWHY_SERVICE_REFERENCE_URL: 'not a url', IAMWHY_CACHE_DIR: '@cache' }, line: /^Cannot download the Service Authorization Reference: "not a url" is not a URL/ },
    ],
  },
];

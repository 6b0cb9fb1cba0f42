/**
 * Runs every scenario of the example corpus (`examples/<folder>/scenario.json`)
 * through the real CLI, as a user would: `node bin/iamwhy.js …` from the
 * scenario's folder. Each scenario states the answer AWS would give; the test
 * checks the exit code, the JSON fields (validated against the output schema)
 * and the quiet word. `examples/acme/` is a snapshot example, not a scenario.
 * Needs `dist/`: `npm test` builds first; by hand, `npm run build` before vitest.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const examplesDir = join(repoRoot, 'examples');
const bin = join(repoRoot, 'bin', 'iamwhy.js');

/** Not scenario folders: `acme` holds the account-snapshot example. */
const NOT_SCENARIOS = new Set(['acme']);

/** Options whose value is a file path (relative to the scenario folder in scenario.json). */
const FILE_OPTIONS = new Set([
  '-i',
  '--identity-policy',
  '-R',
  '--resource-policy',
  '--permission-boundary',
  '--session-policy',
  '--vpc-endpoint-policy',
  '--organization-config',
  '--principal-context',
  '--resource-context',
  '--request-context',
  '--snapshot',
]);

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

interface Scenario {
  title: string;
  story: string;
  args: string[];
  expect: {
    decision: Decision;
    cause: string | null;
    blocked_by: string[];
    deciding_sid?: string;
    /** A warning the scenario is about (a regular expression); otherwise stderr must be empty. */
    stderr?: string;
  };
  /**
   * Set when iamwhy is known to give a different answer from AWS's. The test then
   * expects the scenario to fail (`it.fails`), so it turns red once iamwhy is fixed
   * and the note can be removed.
   */
  known_issue?: string;
}

interface StatementRef {
  sid: string | null;
}

interface Output {
  decision: Decision;
  cause: string | null;
  blocked_by: string[];
  blocking_policies: Array<{ statement: { sid: string | null } | null }>;
  layers: Array<{ deciding: StatementRef[] }>;
}

const QUIET_WORD: Record<Decision, string> = {
  allowed: 'ALLOW',
  explicitDeny: 'EXPLICIT_DENY',
  implicitDeny: 'IMPLICIT_DENY',
};

const EXIT_CODE: Record<Decision, number> = { allowed: 0, explicitDeny: 1, implicitDeny: 1 };

const folders = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_SCENARIOS.has(entry.name))
  .map((entry) => entry.name)
  .filter((name) => existsSync(join(examplesDir, name, 'scenario.json')))
  .sort();

const scenarios = folders.map((folder) => ({
  folder,
  scenario: JSON.parse(readFileSync(join(examplesDir, folder, 'scenario.json'), 'utf8')) as Scenario,
}));

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'iamwhy-output.schema.json'), 'utf8')) as Record<string, unknown>;
const validateOutput = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Runs the CLI from the scenario folder; a non-zero exit is a result, not a failure. */
async function iamwhy(folder: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: join(examplesDir, folder),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The shell word for an argument: quoted when the shell would change it. */
function shellWord(arg: string): string {
  return /^[\w:/.=@,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command that runs the scenario from the repository root, as the README shows it. */
function commandFromRepoRoot(folder: string, args: string[]): string {
  const rooted = args.map((arg, index) => (index > 0 && FILE_OPTIONS.has(args[index - 1]!) ? `examples/${folder}/${arg}` : arg));
  return ['node', 'bin/iamwhy.js', ...rooted].map(shellWord).join(' ');
}

describe('examples corpus', () => {
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(14);
  });

  it('every scenario.json is well-formed', () => {
    for (const { folder, scenario } of scenarios) {
      expect(typeof scenario.title, folder).toBe('string');
      expect(typeof scenario.story, folder).toBe('string');
      expect(Array.isArray(scenario.args), folder).toBe(true);
      expect(Object.keys(QUIET_WORD), folder).toContain(scenario.expect.decision);
      expect(Array.isArray(scenario.expect.blocked_by), folder).toBe(true);
      if (scenario.known_issue !== undefined) expect(scenario.known_issue.length, folder).toBeGreaterThan(0);
      if (scenario.expect.decision === 'allowed') {
        expect(scenario.expect.cause, folder).toBeNull();
        expect(scenario.expect.blocked_by, folder).toEqual([]);
      }
      for (const [index, arg] of scenario.args.entries()) {
        if (index > 0 && FILE_OPTIONS.has(scenario.args[index - 1]!)) {
          expect(existsSync(join(examplesDir, folder, arg)), `${folder}: ${arg} exists`).toBe(true);
        }
      }
    }
  });

  it('examples/README.md has a line for every scenario, with the command to run it', () => {
    const lines = readFileSync(join(examplesDir, 'README.md'), 'utf8').split('\n');
    for (const { folder, scenario } of scenarios) {
      const line = lines.find((candidate) => candidate.startsWith(`- ${folder} — `));
      expect(line, `README line for ${folder}`).toBeDefined();
      expect(line).toContain(scenario.story);
      expect(line).toContain(`\`${commandFromRepoRoot(folder, scenario.args)}\``);
    }
  });
});

describe.concurrent('examples', () => {
  for (const { folder, scenario } of scenarios) {
    const { expect: want } = scenario;

    const test = scenario.known_issue === undefined ? it : it.fails;
    // Three CLI runs per scenario, many at once: allow more than the default timeout on a busy machine.
    test(`${folder}: ${scenario.story}`, { timeout: 90_000 }, async ({ expect }) => {
      const text = await iamwhy(folder, scenario.args);
      if (want.stderr === undefined) expect(text.stderr, 'stderr of the text run').toBe('');
      else expect(text.stderr, 'stderr of the text run').toMatch(new RegExp(want.stderr));
      expect(text.code, `exit code\n${text.stdout}`).toBe(EXIT_CODE[want.decision]);

      const json = await iamwhy(folder, [...scenario.args, '-o', 'json']);
      expect(json.code).toBe(EXIT_CODE[want.decision]);
      const output = JSON.parse(json.stdout) as Output;
      expect(validateOutput(output), JSON.stringify(validateOutput.errors, null, 2)).toBe(true);
      expect({ decision: output.decision, cause: output.cause, blocked_by: output.blocked_by }).toEqual({
        decision: want.decision,
        cause: want.cause,
        blocked_by: want.blocked_by,
      });
      if (want.deciding_sid !== undefined) {
        // Explicit deny: the matching Deny statements; allowed: the statements that grant or let it through.
        const sids =
          want.decision === 'explicitDeny'
            ? output.blocking_policies.map((policy) => policy.statement?.sid)
            : output.layers.flatMap((layer) => layer.deciding.map((ref) => ref.sid));
        expect(sids).toContain(want.deciding_sid);
      }

      const quiet = await iamwhy(folder, [...scenario.args, '-o', 'quiet']);
      expect(quiet.code).toBe(EXIT_CODE[want.decision]);
      expect(quiet.stdout.trim()).toBe(QUIET_WORD[want.decision]);
    });
  }
});

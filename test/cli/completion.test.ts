/** `iamwhy completion bash|zsh|fish`: scripts that the shells accept, and that complete the options. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectUsageError, iamwhy } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'iamwhy-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

function script(shell: string): string {
  const run = iamwhy(['completion', shell]);
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
  const file = join(scratch, `iamwhy.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

/** Runs `shell -n file`: a syntax check without executing. */
function syntaxCheck(shell: string, file: string): void {
  const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
}

describe('completion', () => {
  it('bash: passes bash -n and completes options, values and subcommands', () => {
    const file = script('bash');
    syntaxCheck('bash', file);
    const probe = `source ${JSON.stringify(file)}
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); COMPREPLY=(); _iamwhy; echo "\${COMPREPLY[*]}"; }
t iamwhy --res
t iamwhy -o ''
t iamwhy who-can s3:GetObject --princ
t iamwhy who-can s3:GetObject -o ''
t iamwhy completion ''
t iamwhy wh
`;
    const run = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      '--resource --resource-profile --resource-policy --resource-context',
      'text summary quiet json',
      '--principals',
      'text json',
      'bash zsh fish',
      'who-can',
      '',
    ]);
  });

  it.skipIf(!hasShell('zsh'))('zsh: passes zsh -n and registers with compdef when sourced', () => {
    const file = script('zsh');
    syntaxCheck('zsh', file);
    const run = spawnSync('zsh', ['-f', '-c', `autoload -U compinit; compinit -u -D; source ${JSON.stringify(file)}; print -r -- $_comps[iamwhy]`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('_iamwhy');
  });

  it.skipIf(!hasShell('fish'))('fish: passes fish -n and completes options and values', () => {
    const file = script('fish');
    syntaxCheck('fish', file);
    const run = spawnSync('fish', ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -C'iamwhy --outp'; complete -C'iamwhy who-can x --principals '`], {
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/^--output\t/m);
    expect(run.stdout).toMatch(/^roles\t/m);
  });

  it('every option of --help is in every script', () => {
    const help = iamwhy(['--help']).stdout;
    const longOptions = [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]!).filter((flag) => flag !== '--help' && flag !== '--version');
    expect(longOptions.length).toBeGreaterThan(15);
    for (const shell of ['bash', 'zsh', 'fish']) {
      const text = iamwhy(['completion', shell]).stdout;
      for (const flag of longOptions) expect(text, `${shell} ${flag}`).toContain(shell === 'fish' ? `-l ${flag.slice(2)}` : flag);
    }
  });

  it('an unknown shell is a usage error (exit 2)', () => {
    expectUsageError(iamwhy(['completion', 'powershell']), /unknown shell "powershell": choose one of bash, zsh, fish/);
  });

  it('a missing shell is a usage error (exit 2)', () => {
    expectUsageError(iamwhy(['completion']), /missing required argument 'shell' \(see iamwhy completion --help\)/);
  });
});

/** `iamwhy completion bash|zsh|fish`: shell completion scripts for the options below. */
import { UsageError } from './exit-error.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export interface CompletableOption {
  flags: string[];
  /** Takes a file path (completes files), a fixed set of values, or a free value. */
  value?: 'file' | 'text' | readonly string[];
  description: string;
}

function bashScript(options: readonly CompletableOption[], commands: readonly string[]): string {
  const words = [...commands, ...options.flatMap((option) => option.flags)].join(' ');
  const fileFlags = options.filter((option) => option.value === 'file').flatMap((option) => option.flags).join('|');
  const choiceCases = options
    .filter((option) => Array.isArray(option.value))
    .map((option) => `    ${option.flags.join('|')}) COMPREPLY=( $(compgen -W "${(option.value as readonly string[]).join(' ')}" -- "$cur") ); return ;;`)
    .join('\n');
  return `# iamwhy bash completion. Install: iamwhy completion bash > /etc/bash_completion.d/iamwhy
_iamwhy() {
  local cur prev
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    ${fileFlags}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
${choiceCases}
  esac
  COMPREPLY=( $(compgen -W "${words}" -- "$cur") )
}
complete -o default -F _iamwhy iamwhy
`;
}

function zshScript(options: readonly CompletableOption[], commands: readonly string[]): string {
  const specs = options.map((option) => {
    const description = option.description.replace(/[[\]':]/g, ' ');
    const action = option.value === 'file' ? ':file:_files' : Array.isArray(option.value) ? `:value:(${option.value.join(' ')})` : option.value === 'text' ? ':value:' : '';
    const names = option.flags.length > 1 ? `{${option.flags.join(',')}}` : option.flags[0];
    return `    '${option.flags.length > 1 ? '(' + option.flags.join(' ') + ')' : ''}'${names}'[${description}]${action}'`;
  });
  return `#compdef iamwhy
# iamwhy zsh completion. Install: iamwhy completion zsh > "\${fpath[1]}/_iamwhy"
_iamwhy() {
  _arguments -s \\
${specs.join(' \\\n')} \\
    '1:principal or command:(${commands.join(' ')})' \\
    '*::argument:'
}
_iamwhy "$@"
`;
}

function fishScript(options: readonly CompletableOption[], commands: readonly string[]): string {
  const lines = options.map((option) => {
    const long = option.flags.find((flag) => flag.startsWith('--'))?.slice(2);
    const short = option.flags.find((flag) => /^-[^-]$/.test(flag))?.slice(1);
    const parts = ['complete -c iamwhy'];
    if (short) parts.push(`-s ${short}`);
    if (long) parts.push(`-l ${long}`);
    if (option.value === 'file') parts.push('-r -F');
    else if (Array.isArray(option.value)) parts.push(`-x -a "${option.value.join(' ')}"`);
    else if (option.value === 'text') parts.push('-x');
    parts.push(`-d '${option.description.replace(/'/g, "\\'")}'`);
    return parts.join(' ');
  });
  return `# iamwhy fish completion. Install: iamwhy completion fish > ~/.config/fish/completions/iamwhy.fish
complete -c iamwhy -n '__fish_use_subcommand' -a '${commands.join(' ')}'
${lines.join('\n')}
`;
}

export function completionScript(shell: string, options: readonly CompletableOption[], commands: readonly string[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(options, commands);
    case 'zsh':
      return zshScript(options, commands);
    case 'fish':
      return fishScript(options, commands);
    default:
      throw new UsageError(`unknown shell "${shell}": choose one of ${COMPLETION_SHELLS.join(', ')}`);
  }
}

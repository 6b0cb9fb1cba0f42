/** `iamwhy completion bash|zsh|fish`: shell completion scripts for the main command and its subcommands. */
import { echoArgument } from '../text/excerpt.js';
import { UsageError } from './exit-error.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export interface CompletableOption {
  flags: string[];
  /** Takes a file path (completes files), a fixed set of values, or a free value. */
  value?: 'file' | 'text' | readonly string[];
  description: string;
  /** May be given several times (zsh then keeps offering it). */
  repeatable?: boolean;
}

export interface CompletableCommand {
  name: string;
  description: string;
  options: readonly CompletableOption[];
  /** The fixed values of its first argument (`completion bash|zsh|fish`), if any. */
  values?: readonly string[];
}

/** What the scripts complete: the main command's options and each subcommand's. */
export interface CompletionSpec {
  options: readonly CompletableOption[];
  commands: readonly CompletableCommand[];
}

const choices = (option: CompletableOption): readonly string[] | undefined => (Array.isArray(option.value) ? (option.value as readonly string[]) : undefined);

/** The `case "$prev"` arms completing an option's value: files, or its fixed choices. */
function bashValueCases(options: readonly CompletableOption[], indent: string): string {
  const fileFlags = options.filter((option) => option.value === 'file').flatMap((option) => option.flags);
  const arms = fileFlags.length > 0 ? [`${indent}${fileFlags.join('|')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;`] : [];
  for (const option of options) {
    const values = choices(option);
    if (values) arms.push(`${indent}${option.flags.join('|')}) COMPREPLY=( $(compgen -W "${values.join(' ')}" -- "$cur") ); return ;;`);
  }
  const free = options.filter((option) => option.value === 'text').flatMap((option) => option.flags);
  if (free.length > 0) arms.push(`${indent}${free.join('|')}) return ;;`);
  return arms.join('\n');
}

function bashScript(spec: CompletionSpec): string {
  const names = spec.commands.map((command) => command.name);
  const mainWords = [...names, ...spec.options.flatMap((option) => option.flags)].join(' ');
  const commandArms = spec.commands
    .map((command) => {
      const words = [...(command.values ?? []), ...command.options.flatMap((option) => option.flags)].join(' ');
      const values = command.options.length > 0 ? `\n      case "$prev" in\n${bashValueCases(command.options, '        ')}\n      esac` : '';
      return `    ${command.name})${values}\n      COMPREPLY=( $(compgen -W "${words}" -- "$cur") ); return ;;`;
    })
    .join('\n');
  return `# iamwhy bash completion. Install: iamwhy completion bash > /etc/bash_completion.d/iamwhy
# or, for this shell only: source <(iamwhy completion bash)
_iamwhy() {
  local cur prev word command=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in
      ${names.join('|')}) command="$word"; break ;;
    esac
  done
  case "$command" in
${commandArms}
  esac
  case "$prev" in
${bashValueCases(spec.options, '    ')}
  esac
  COMPREPLY=( $(compgen -W "${mainWords}" -- "$cur") )
}
complete -o default -F _iamwhy iamwhy
`;
}

/** One `_arguments` spec per option: `'(-o --output)'{-o,--output}'[description]:value:(text json)'`. */
function zshSpecs(options: readonly CompletableOption[]): string[] {
  return options.map((option) => {
    const description = option.description.replace(/[[\]':\\]/g, ' ');
    const values = choices(option);
    const action = option.value === 'file' ? ':file:_files' : values ? `:value:(${values.join(' ')})` : option.value === 'text' ? ':value: ' : '';
    const rest = `[${description}]${action}'`;
    if (option.flags.length === 1) return `'${option.repeatable ? '*' : ''}${option.flags[0]}${rest}`;
    const names = `{${option.flags.join(',')}}'`;
    return option.repeatable ? `'*'${names}${rest}` : `'(${option.flags.join(' ')})'${names}${rest}`;
  });
}

function zshScript(spec: CompletionSpec): string {
  const join = (lines: readonly string[], indent: string): string => lines.map((line) => `${indent}${line}`).join(' \\\n');
  const commandArms = spec.commands
    .map((command) => {
      const first = command.values ? `'1:${command.name === 'help' ? 'command' : 'value'}:(${command.values.join(' ')})'` : `'1:argument: '`;
      return `    ${command.name})
      shift words
      (( CURRENT-- ))
      _arguments -s \\
${join([...zshSpecs(command.options), first], '        ')}
      return ;;`;
    })
    .join('\n');
  const commandList = spec.commands.map((command) => `'${command.name}:${command.description.replace(/[[\]':\\]/g, ' ')}'`).join(' ');
  return `#compdef iamwhy
# iamwhy zsh completion. Install: iamwhy completion zsh > "\${fpath[1]}/_iamwhy"
# or, for this shell only (after compinit): source <(iamwhy completion zsh)
_iamwhy() {
  case "\${words[2]}" in
${commandArms}
  esac
  local -a commands
  commands=(${commandList})
  _arguments -s \\
${join([...zshSpecs(spec.options), `'1:principal or command:{_describe command commands}'`, `'2:action: '`], '    ')}
}
if [[ "\${funcstack[1]}" == _iamwhy ]]; then
  _iamwhy "$@"
else
  compdef _iamwhy iamwhy
fi
`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishLines(options: readonly CompletableOption[], condition: string): string[] {
  return options.map((option) => {
    const long = option.flags.find((flag) => flag.startsWith('--'))?.slice(2);
    const short = option.flags.find((flag) => /^-[^-]$/.test(flag))?.slice(1);
    const parts = [`complete -c iamwhy -n ${fishQuote(condition)}`];
    if (short) parts.push(`-s ${short}`);
    if (long) parts.push(`-l ${long}`);
    const values = choices(option);
    if (option.value === 'file') parts.push('-r -F');
    else if (values) parts.push(`-x -a ${fishQuote(values.join(' '))}`);
    else if (option.value === 'text') parts.push('-x');
    parts.push(`-d ${fishQuote(option.description)}`);
    return parts.join(' ');
  });
}

function fishScript(spec: CompletionSpec): string {
  const names = spec.commands.map((command) => command.name).join(' ');
  const main = `not __fish_seen_subcommand_from ${names}`;
  const lines = [
    ...spec.commands.map((command) => `complete -c iamwhy -f -n ${fishQuote(main)} -a ${command.name} -d ${fishQuote(command.description)}`),
    ...fishLines(spec.options, main),
  ];
  for (const command of spec.commands) {
    const seen = `__fish_seen_subcommand_from ${command.name}`;
    if (command.values) lines.push(`complete -c iamwhy -f -n ${fishQuote(seen)} -a ${fishQuote(command.values.join(' '))}`);
    lines.push(...fishLines(command.options, seen));
  }
  return `# iamwhy fish completion. Install: iamwhy completion fish > ~/.config/fish/completions/iamwhy.fish
${lines.join('\n')}
`;
}

export function completionScript(shell: string, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
    default:
      throw new UsageError(`unknown shell "${echoArgument(shell)}": choose one of ${COMPLETION_SHELLS.join(', ')}`);
  }
}

import type { Command, Option } from 'commander';

/** What one command offers at the cursor: its subcommands, its options, and whether it takes files. */
interface Node {
  readonly path: string;
  readonly subcommands: readonly { name: string; description: string }[];
  readonly options: readonly { flag: string; description: string }[];
  readonly fileArgument: boolean;
}

/** Options whose value is a path (`<dir>`, `<file>`) complete file names; ones with choices complete those. */
function valueKinds(program: Command): { files: string[]; choices: Map<string, string[]> } {
  const files = new Set<string>();
  const choices = new Map<string, string[]>();
  const visit = (command: Command) => {
    for (const option of command.options as readonly Option[]) {
      const flags = [option.long, option.short].filter((flag): flag is string => Boolean(flag));
      if (/<(file|dir)>/.test(option.flags)) flags.forEach((flag) => files.add(flag));
      if (option.argChoices) flags.forEach((flag) => choices.set(flag, option.argChoices!));
    }
    command.commands.forEach(visit);
  };
  visit(program);
  return { files: [...files].sort(), choices };
}

function nodes(program: Command): Node[] {
  const out: Node[] = [];
  const visit = (command: Command, path: string) => {
    const options = (command.options as readonly Option[])
      .flatMap((option) => [option.long, option.short].map((flag) => ({ flag, description: option.description })))
      .filter((entry): entry is { flag: string; description: string } => Boolean(entry.flag));
    options.push({ flag: '--help', description: 'show help' });
    if (path === '') options.push({ flag: '--version', description: 'print the version' });
    out.push({
      path,
      subcommands: command.commands.map((sub) => ({ name: sub.name(), description: sub.description() })),
      options,
      fileArgument: command.registeredArguments.some((argument) => argument.name() === 'file'),
    });
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return out;
}

/** `case` patterns that grow the command path word by word (`world` then `world validate`). */
function pathSteps(all: readonly Node[]): string {
  return all
    .filter((node) => node.path !== '')
    .map((node) => {
      const at = node.path.lastIndexOf(' ');
      return `"${at < 0 ? '' : node.path.slice(0, at)}:${node.path.slice(at + 1)}"`;
    })
    .join('|');
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export function bashCompletion(program: Command): string {
  const all = nodes(program);
  const { files, choices } = valueKinds(program);
  const name = program.name();
  return `# bash completion for ${name}; load it with: source <(${name} completion bash)
_${name}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$path:$word" in
      ${pathSteps(all)}) path="\${path:+$path }$word" ;;
    esac
  done
  case "$prev" in
${files.length ? `    ${files.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;\n` : ''}${[...choices]
    .map(([flag, values]) => `    ${flag}) COMPREPLY=($(compgen -W ${quote(values.join(' '))} -- "$cur")); return ;;\n`)
    .join('')}  esac
  local candidates="" files=0
  case "$path" in
${all
  .map(
    (node) =>
      `    ${quote(node.path)}) candidates=${quote([...node.subcommands.map((sub) => sub.name), ...node.options.map((option) => option.flag)].join(' '))}; files=${node.fileArgument ? 1 : 0} ;;`,
  )
  .join('\n')}
  esac
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  if [[ $files == 1 && $cur != -* ]]; then COMPREPLY+=($(compgen -f -- "$cur")); fi
}
complete -o filenames -F _${name} ${name}
`;
}

export function zshCompletion(program: Command): string {
  const all = nodes(program);
  const { files, choices } = valueKinds(program);
  const name = program.name();
  const entry = (word: string, description: string) => quote(`${word.replaceAll(':', '\\:')}:${description}`);
  return `#compdef ${name}
# zsh completion for ${name}; load it with: source <(${name} completion zsh), or save it as _${name} in your $fpath
_${name}() {
  local path="" word i
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    case "$path:$word" in
      (${pathSteps(all)}) path="\${path:+$path }$word" ;;
    esac
  done
  case \${words[CURRENT-1]} in
${files.length ? `    (${files.join('|')}) _files; return ;;\n` : ''}${[...choices]
    .map(([flag, values]) => `    (${flag}) compadd -- ${values.join(' ')}; return ;;\n`)
    .join('')}  esac
  local -a entries
  local files=0
  case $path in
${all
  .map(
    (node) =>
      `    (${quote(node.path)}) entries=(${[
        ...node.subcommands.map((sub) => entry(sub.name, sub.description)),
        ...node.options.map((option) => entry(option.flag, option.description)),
      ].join(' ')}); files=${node.fileArgument ? 1 : 0} ;;`,
  )
  .join('\n')}
  esac
  _describe -t commands '${name}' entries
  if [[ $files == 1 ]]; then _files; fi
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _${name} "$@"; else compdef _${name} ${name}; fi
`;
}

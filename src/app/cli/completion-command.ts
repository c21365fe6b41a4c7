import { Command, Argument } from 'commander';
import type { CliCommand } from './cli-context.js';
import { bashCompletion, zshCompletion } from './completion-script.js';

/** `catnap completion bash|zsh`: a completion script made from the commands themselves, so it never goes stale. */
export const completionCommand: CliCommand = (ctx) =>
  new Command('completion')
    .description('print a shell completion script for bash or zsh')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .addHelpText(
      'after',
      '\nbash: add `source <(catnap completion bash)` to ~/.bashrc\nzsh:  add `source <(catnap completion zsh)` to ~/.zshrc (after compinit)',
    )
    .action((shell: 'bash' | 'zsh', _options, command: Command) => {
      const program = command.parent!;
      ctx.io.stdout(shell === 'bash' ? bashCompletion(program) : zshCompletion(program));
    });

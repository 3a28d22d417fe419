// `help`: generated from the declarations, so it never drifts from the commands.
import { reply } from '../../core/message.js';
import { defineCommand, type Command, type LeafCommand } from './define.js';

function describeLeaf(prefix: string, leaf: LeafCommand): string {
  const options = Object.entries(leaf.options)
    .map(([name, spec]) => (spec.required ? `<${name}>` : `[${name}]`))
    .join(' ');
  return `${prefix}${options ? ` ${options}` : ''} — ${leaf.description}`;
}

export function helpLines(commands: readonly Command[]): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    if (command.leaf && !command.subcommands) lines.push(describeLeaf(command.name, command.leaf));
    for (const [sub, leaf] of Object.entries(command.subcommands ?? {})) lines.push(describeLeaf(`${command.name} ${sub}`, leaf));
  }
  return lines;
}

export function createHelpCommand(list: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    description: 'What this bot can do, and how to ask',
    options: { command: { type: 'string', description: 'A command to explain' } },
    async run(_ctx, { command }) {
      const commands = list();
      const chosen = command ? commands.filter((c) => c.name === String(command).toLowerCase()) : commands;
      if (command && chosen.length === 0) return reply.error(`There is no command "${command}".`);
      const options = chosen.flatMap((c) => [c.leaf, ...Object.values(c.subcommands ?? {})]).flatMap((l) => (l ? Object.entries(l.options) : []));
      const details = command ? options.map(([n, s]) => ({ name: n, value: s.description })) : undefined;
      return reply.text(helpLines(chosen).join('\n'), {
        title: command ? `help ${command}` : 'standards-watch commands',
        fields: details,
        footer: 'Options: the first may be given bare, the others as name:value; quote values with spaces.',
      });
    },
  });
}

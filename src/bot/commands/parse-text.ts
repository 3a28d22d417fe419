// The text form of a command (Matrix `!sw …`, terminal `cmd …`): bare values
// fill options in their declared order, the others are given as name:value,
// the way Discord shows a slash command; quotes group words with spaces.
import { UserError } from '../../core/errors.js';
import type { Command, LeafCommand } from './define.js';
import type { RawValue } from './options.js';

export const MAX_COMMAND_LENGTH = 2000;

/** Splits on spaces, keeping "quoted text" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  if (text.length > MAX_COMMAND_LENGTH) throw new UserError('too-long', `That command is ${text.length} characters long; at most ${MAX_COMMAND_LENGTH} are read.`);
  const tokens: string[] = [];
  const closing: Record<string, string> = { '"': '"', '“': '”', '”': '”', "'": "'" };
  let current = '';
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    const close = closing[ch];
    // A quote opens a quoted part only when it closes later; an apostrophe inside a word (China's) is a letter.
    const end = close ? text.indexOf(close, i + 1) : -1;
    if (close && end > i && !(ch === "'" && inToken && /\w/.test(text[i - 1] ?? ''))) {
      current += text.slice(i + 1, end);
      i = end;
    } else {
      current += ch;
    }
    inToken = true;
  }
  if (inToken) tokens.push(current);
  return tokens;
}

export interface TextInvocation {
  command: Command;
  subcommand?: string;
  leaf: LeafCommand;
  raw: Record<string, RawValue>;
}

function splitNamed(token: string): [string, string] | undefined {
  const m = /^([a-z][a-z0-9-]*):(.*)$/i.exec(token);
  if (!m) return undefined;
  // A time such as 09:00 or a URL (https://…) is a value, not name:value.
  if (/^\d/.test(token) || m[2]!.startsWith('//')) return undefined;
  return [m[1]!.toLowerCase(), m[2]!];
}

export function bindTokens(commands: readonly Command[], tokens: string[]): TextInvocation {
  const [name, ...rest] = tokens;
  if (!name) throw new UserError('no-command', 'Which command? Try "help".');
  const command = commands.find((c) => c.name === name.toLowerCase());
  if (!command) {
    throw new UserError('unknown-command', `There is no command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
  }
  let leaf = command.leaf;
  let subcommand: string | undefined;
  let args = rest;
  if (command.subcommands) {
    const names = Object.keys(command.subcommands);
    const [first, ...others] = rest;
    subcommand = first?.toLowerCase();
    leaf = subcommand ? command.subcommands[subcommand] : undefined;
    if (!leaf) {
      throw new UserError('unknown-subcommand', `${command.name} needs one of: ${names.join(', ')}${first ? ` (not "${first}")` : ''}. Example: "${command.name} ${names[0]}"`);
    }
    args = others;
  }
  if (!leaf) throw new UserError('unknown-command', `There is no command "${name}".`);

  const raw: Record<string, RawValue> = {};
  const specs = Object.entries(leaf.options);
  const positional = specs.filter(([, s]) => s.positional !== false);
  const bare: string[] = [];
  for (const token of args) {
    const named = splitNamed(token);
    if (named && leaf.options[named[0]]) {
      if (raw[named[0]] !== undefined) throw new UserError('duplicate-option', `${named[0]} is given twice.`);
      raw[named[0]] = named[1];
    } else if (named && !leaf.options[named[0]] && !positional.some(([, s]) => s.rest)) {
      const known = specs.map(([n]) => n).join(', ') || 'none';
      throw new UserError('unknown-option', `${command.name}${subcommand ? ` ${subcommand}` : ''} has no option "${named[0]}" (options: ${known}).`);
    } else {
      bare.push(token);
    }
  }
  for (const [optionName, spec] of positional) {
    if (bare.length === 0) break;
    if (raw[optionName] !== undefined) continue;
    raw[optionName] = spec.rest ? bare.splice(0).join(' ') : bare.shift()!;
  }
  if (bare.length > 0) {
    throw new UserError('extra-words', `Did not understand "${bare.join(' ')}". ${usage(command, subcommand)}`);
  }
  return { command, subcommand, leaf, raw };
}

export function usage(command: Command, subcommand?: string): string {
  const leaf = subcommand ? command.subcommands?.[subcommand] : command.leaf;
  if (!leaf) return `Usage: ${command.name} ${Object.keys(command.subcommands ?? {}).join('|')}`;
  const parts = Object.entries(leaf.options).map(([n, s]) => (s.required ? `<${n}>` : `[${n}]`));
  return `Usage: ${command.name}${subcommand ? ` ${subcommand}` : ''} ${parts.join(' ')}`.trim();
}

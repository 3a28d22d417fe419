// Interaction option data → the neutral Invocation the dispatcher runs. Pure.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Invocation } from '../commands/dispatch.js';
import type { RawValue } from '../commands/options.js';

/** The shape of discord.js's CommandInteractionOption and of the API's option data. */
export interface InteractionOptionData {
  name: string;
  type: number;
  value?: string | number | boolean | null;
  options?: readonly InteractionOptionData[];
  focused?: boolean;
}

export function invocationFrom(commandName: string, data: readonly InteractionOptionData[]): Invocation {
  let options = data;
  let subcommand: string | undefined;
  const first = data[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const inner = first.options?.[0];
    subcommand = inner ? `${first.name} ${inner.name}` : first.name;
    options = inner?.options ?? [];
  } else if (first?.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = first.name;
    options = first.options ?? [];
  }
  const raw: Record<string, RawValue> = {};
  for (const o of options) {
    if (o.value !== undefined && o.value !== null) raw[o.name] = o.value;
  }
  return { name: commandName, ...(subcommand ? { subcommand } : {}), raw };
}

/** The option being typed in an autocomplete interaction. */
export function focusedOption(data: readonly InteractionOptionData[]): InteractionOptionData | undefined {
  for (const o of data) {
    if (o.focused) return o;
    const inner = o.options ? focusedOption(o.options) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

// Slash-command JSON built from the command declarations (registry.ts), so
// Discord's view of the commands never drifts from what the dispatcher runs.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandIntegerOption,
  type APIApplicationCommandNumberOption,
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Command, LeafCommand, OptionSpec } from '../commands/define.js';

const DESCRIPTION_MAX = 100;
const MAX_CHOICES = 25;
const MAX_OPTIONS = 25;
const DEFAULT_MAX_LENGTH = 200;
const STRING_MAX_LENGTH = 6000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function description(text: string): string {
  const t = text.trim() || '—';
  return t.length <= DESCRIPTION_MAX ? t : `${t.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** One declared option → a Discord option: integer/number/boolean natively, everything else a string. */
export function optionPayload(name: string, spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name, description: description(spec.description), required: spec.required === true };
  switch (spec.type) {
    case 'integer':
    case 'number':
      return {
        ...base,
        type: spec.type === 'integer' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number,
        ...(spec.min !== undefined ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined ? { max_value: spec.max } : {}),
      } as APIApplicationCommandIntegerOption | APIApplicationCommandNumberOption;
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    default: {
      const choices = spec.choices ?? (spec.type === 'weekday' ? WEEKDAYS.map((d) => ({ name: d, value: d })) : undefined);
      const completes = spec.autocomplete !== undefined && !spec.choices;
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        max_length: Math.min(spec.maxLength ?? DEFAULT_MAX_LENGTH, STRING_MAX_LENGTH),
        ...(completes ? { autocomplete: true } : {}),
        ...(!completes && choices ? { choices: choices.slice(0, MAX_CHOICES).map((c) => ({ name: description(c.name), value: c.value })) } : {}),
      } as APIApplicationCommandStringOption;
    }
  }
}

/** Discord wants the required options first. */
function optionsOf(leaf: LeafCommand): APIApplicationCommandBasicOption[] {
  const all = Object.entries(leaf.options).map(([name, spec]) => optionPayload(name, spec));
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)].slice(0, MAX_OPTIONS);
}

/** The right a member needs by default for one leaf: Manage Server for operator ones, Manage Channels for channel-changing ones. */
export function leafDefaultPermission(leaf: LeafCommand): bigint {
  if (leaf.permission === 'operator') return PermissionFlagsBits.ManageGuild;
  if (leaf.permission === 'manage-target') return PermissionFlagsBits.ManageChannels;
  return 0n;
}

const STRICTNESS = [0n, PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild];

/**
 * default_member_permissions is per top-level command, so a group carries the
 * strictest right any of its sub-commands needs (`sources` → Manage Server,
 * `watch` → Manage Channels). It only hides the command in servers: members
 * without the right still use it in a DM with the bot (personal
 * subscriptions), and a server's admins can widen it under Integrations. The
 * runtime check in the dispatcher is what actually decides.
 */
export function defaultMemberPermissions(command: Command): string | null {
  // A group's sub-commands are what Discord shows; its default leaf (bare `sources`) is text-only.
  const leaves = command.subcommands ? Object.values(command.subcommands) : command.leaf ? [command.leaf] : [];
  const strictest = leaves.map(leafDefaultPermission).reduce((a, b) => (STRICTNESS.indexOf(b) > STRICTNESS.indexOf(a) ? b : a), 0n);
  return strictest === 0n ? null : strictest.toString();
}

export function commandPayload(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  // A group's sub-commands are what Discord shows; its default leaf (bare `sources`) is text-only.
  const leaves = command.subcommands ? Object.values(command.subcommands) : command.leaf ? [command.leaf] : [];
  const operatorOnly = leaves.length > 0 && leaves.every((l) => l.permission === 'operator');
  const options = !command.subcommands && command.leaf
    ? optionsOf(command.leaf)
    : Object.entries(command.subcommands ?? {})
        .slice(0, MAX_OPTIONS)
        .map(([name, leaf]): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name,
          description: description(leaf.description),
          options: optionsOf(leaf),
        }));
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: description(command.description),
    options,
    default_member_permissions: defaultMemberPermissions(command),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: operatorOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function buildCommandPayloads(commands: readonly Command[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.map(commandPayload);
}

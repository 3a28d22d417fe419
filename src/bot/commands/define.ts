// How a command is declared: once, as a plain object. The Discord, Matrix and
// terminal adapters only turn their input into raw option values and render
// the Message the handler returns.
import type { Message } from '../../core/message.js';
import type { Clock, Platform } from '../../core/types.js';
import type { CommandServices } from './services.js';

export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'time-zone' | 'time' | 'group' | 'tag' | 'tags' | 'groups' | 'source' | 'sources' | 'weekday';

export interface OptionSpec {
  type: OptionType;
  description: string;
  required?: boolean;
  choices?: readonly { name: string; value: string }[];
  /** Offer completions of this kind (Discord autocomplete; text help lists). */
  autocomplete?: 'group' | 'tag' | 'source' | 'time-zone' | 'subscription';
  min?: number;
  max?: number;
  /** Longest accepted text (default 200). */
  maxLength?: number;
  /** May be given bare, in this order, before the name:value ones (text form). Default: true for the first options. */
  positional?: boolean;
  /** Takes all remaining bare words (search <words>). */
  rest?: boolean;
}

export type Permission = 'everyone' | 'manage-target' | 'operator';

export interface CommandUser {
  id: string;
  name?: string;
}

export interface CommandContext {
  platform: Platform;
  /** Where the command was given: channel id, room id, or 'terminal'. */
  target: string;
  user: CommandUser;
  /** Given in a direct conversation with the bot (Discord DM, Matrix direct room). */
  isDirect: boolean;
  /** What the asker may do here (the adapter checks the platform's rights). */
  can: { manageTarget: boolean; operator: boolean };
  /** The reader's zone when known (a subscription's zone), else the installation default. */
  timeZone: string;
  clock: Clock;
  services: CommandServices;
}

export type OptionValues = Record<string, unknown>;

export interface LeafCommand {
  description: string;
  options: Record<string, OptionSpec>;
  permission: Permission;
  /** Answers may take longer than Discord's 3-second window: defer first. */
  slow?: boolean;
  run(ctx: CommandContext, options: any): Promise<Message>;
}

export interface Command {
  name: string;
  description: string;
  /** A leaf command… */
  leaf?: LeafCommand;
  /** …or a group of sub-commands (watch add|list|remove). */
  subcommands?: Record<string, LeafCommand>;
}

export function defineCommand<const O extends Record<string, OptionSpec>>(spec: {
  name: string;
  description: string;
  options: O;
  permission?: Permission;
  slow?: boolean;
  run(ctx: CommandContext, options: { [K in keyof O]?: any }): Promise<Message>;
}): Command {
  return {
    name: spec.name,
    description: spec.description,
    leaf: { description: spec.description, options: spec.options, permission: spec.permission ?? 'everyone', slow: spec.slow, run: spec.run },
  };
}

export function defineSubcommand<const O extends Record<string, OptionSpec>>(spec: {
  description: string;
  options: O;
  permission?: Permission;
  slow?: boolean;
  run(ctx: CommandContext, options: { [K in keyof O]?: any }): Promise<Message>;
}): LeafCommand {
  return { description: spec.description, options: spec.options, permission: spec.permission ?? 'everyone', slow: spec.slow, run: spec.run };
}

export function defineGroup(spec: { name: string; description: string; subcommands: Record<string, LeafCommand> }): Command {
  return { name: spec.name, description: spec.description, subcommands: spec.subcommands };
}

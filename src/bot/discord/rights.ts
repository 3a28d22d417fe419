// What the asker may do where an interaction came from, computed at run time
// from the member's permissions in that channel (never trusting command
// registration alone). Pure: bigints in, booleans out.
import { PermissionFlagsBits } from 'discord-api-types/v10';

export interface RightsInput {
  /** Absent for a DM. */
  guildId: string | null | undefined;
  /** The member's permissions in the channel (interaction.member.permissions); null in a DM. */
  memberPermissions: bigint | null | undefined;
  /** The operators' guild; when unset, Manage Server in any guild makes an operator. */
  operatorGuild?: string;
}

export interface Rights {
  isDirect: boolean;
  can: { manageTarget: boolean; operator: boolean };
}

function has(perms: bigint, flag: bigint): boolean {
  return (perms & PermissionFlagsBits.Administrator) !== 0n || (perms & flag) === flag;
}

export function rightsFor(input: RightsInput): Rights {
  if (!input.guildId) {
    // A DM: the user manages their own personal subscriptions there, and nothing else.
    return { isDirect: true, can: { manageTarget: true, operator: false } };
  }
  const perms = input.memberPermissions ?? 0n;
  const inOperatorGuild = !input.operatorGuild || input.operatorGuild === input.guildId;
  return {
    isDirect: false,
    can: {
      manageTarget: has(perms, PermissionFlagsBits.ManageChannels),
      operator: inOperatorGuild && has(perms, PermissionFlagsBits.ManageGuild),
    },
  };
}

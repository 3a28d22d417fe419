import { ApplicationCommandOptionType as T, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { focusedOption, invocationFrom } from '../../../src/bot/discord/invocation.js';
import { nonceFor } from '../../../src/bot/discord/nonce.js';
import { rightsFor } from '../../../src/bot/discord/rights.js';

describe('rightsFor', () => {
  it('gives Manage Channels holders the right to change the channel, and nobody else', () => {
    expect(rightsFor({ guildId: 'g1', memberPermissions: P.ManageChannels | P.SendMessages })).toEqual({ isDirect: false, can: { manageTarget: true, operator: false } });
    expect(rightsFor({ guildId: 'g1', memberPermissions: P.SendMessages })).toEqual({ isDirect: false, can: { manageTarget: false, operator: false } });
  });

  it('makes operators of Manage Server holders only in the operators\' guild, or anywhere when none is set', () => {
    expect(rightsFor({ guildId: 'ops', memberPermissions: P.ManageGuild, operatorGuild: 'ops' }).can.operator).toBe(true);
    expect(rightsFor({ guildId: 'other', memberPermissions: P.ManageGuild, operatorGuild: 'ops' }).can.operator).toBe(false);
    expect(rightsFor({ guildId: 'other', memberPermissions: P.ManageGuild }).can.operator).toBe(true);
  });

  it('counts Administrator as every right', () => {
    expect(rightsFor({ guildId: 'ops', memberPermissions: P.Administrator, operatorGuild: 'ops' }).can).toEqual({ manageTarget: true, operator: true });
  });

  it('treats a DM as direct: the user manages their own subscriptions there, and is no operator', () => {
    expect(rightsFor({ guildId: null, memberPermissions: null, operatorGuild: 'ops' })).toEqual({ isDirect: true, can: { manageTarget: true, operator: false } });
  });
});

describe('invocationFrom', () => {
  it('reads a leaf command\'s option values as they came', () => {
    expect(invocationFrom('latest', [{ name: 'topic', type: T.String, value: 'fg-mv' }, { name: 'count', type: T.Integer, value: 3 }])).toEqual({ name: 'latest', raw: { topic: 'fg-mv', count: 3 } });
  });

  it('reads a sub-command and its options', () => {
    expect(invocationFrom('watch', [{ name: 'add', type: T.Subcommand, options: [{ name: 'personal', type: T.Boolean, value: true }] }])).toEqual({ name: 'watch', subcommand: 'add', raw: { personal: true } });
  });

  it('finds the focused option inside a sub-command', () => {
    expect(focusedOption([{ name: 'add', type: T.Subcommand, options: [{ name: 'tags', type: T.String, value: 'x' }, { name: 'groups', type: T.String, value: 'fg', focused: true }] }])?.name).toBe('groups');
  });
});

describe('nonceFor', () => {
  it('gives the same key the same nonce of at most 25 characters, and different keys different ones', () => {
    const a = nonceFor('wabc-i0000000000000001');
    expect(a).toBe(nonceFor('wabc-i0000000000000001'));
    expect(a.length).toBeLessThanOrEqual(25);
    expect(a).toMatch(/^[0-9a-z]+$/);
    expect(nonceFor('wabc-i0000000000000002')).not.toBe(a);
  });
});

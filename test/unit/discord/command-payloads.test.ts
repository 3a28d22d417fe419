import { ApplicationCommandOptionType as T, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/core/message.js';
import { defineCommand, defineGroup, defineSubcommand } from '../../../src/bot/commands/define.js';
import { commands } from '../../../src/bot/commands/registry.js';
import { buildCommandPayloads, commandPayload, optionPayload } from '../../../src/bot/discord/command-payloads.js';

const run = async () => reply.text('ok');

describe('optionPayload', () => {
  it('maps integer, number and boolean natively, carrying min and max', () => {
    expect(optionPayload('count', { type: 'integer', description: 'How many', min: 1, max: 25 })).toEqual({ name: 'count', description: 'How many', required: false, type: T.Integer, min_value: 1, max_value: 25 });
    expect(optionPayload('min-score', { type: 'number', description: 'Relevance', min: 0, max: 1 })).toEqual({ name: 'min-score', description: 'Relevance', required: false, type: T.Number, min_value: 0, max_value: 1 });
    expect(optionPayload('personal', { type: 'boolean', description: 'To you' })).toEqual({ name: 'personal', description: 'To you', required: false, type: T.Boolean });
  });

  it('maps every other type to a string with its length limit, autocomplete or choices', () => {
    expect(optionPayload('group', { type: 'group', description: 'A group', autocomplete: 'group', required: true })).toEqual({ name: 'group', description: 'A group', required: true, type: T.String, max_length: 200, autocomplete: true });
    expect(optionPayload('kind', { type: 'string', description: 'Kind', choices: [{ name: 'RSS', value: 'rss' }], maxLength: 10 })).toEqual({ name: 'kind', description: 'Kind', required: false, type: T.String, max_length: 10, choices: [{ name: 'RSS', value: 'rss' }] });
    expect(optionPayload('day', { type: 'weekday', description: 'Day' })).toMatchObject({ type: T.String, choices: [{ name: 'sunday', value: 'sunday' }, { name: 'monday', value: 'monday' }, { name: 'tuesday', value: 'tuesday' }, { name: 'wednesday', value: 'wednesday' }, { name: 'thursday', value: 'thursday' }, { name: 'friday', value: 'friday' }, { name: 'saturday', value: 'saturday' }] });
  });

  it('shortens a description past Discord\'s 100 characters', () => {
    expect(optionPayload('x', { type: 'string', description: 'd'.repeat(150) }).description).toHaveLength(100);
  });
});

describe('commandPayload', () => {
  it('turns a group into SUB_COMMAND options, required options first', () => {
    const group = defineGroup({
      name: 'watch',
      description: 'Alerts',
      subcommands: {
        remove: defineSubcommand({ description: 'Stop', options: { personal: { type: 'boolean', description: 'Yours' }, id: { type: 'string', description: 'Id', required: true, autocomplete: 'subscription' } }, permission: 'manage-target', run }),
        list: defineSubcommand({ description: 'List', options: {}, run }),
      },
    });
    expect(commandPayload(group)).toEqual({
      type: 1,
      name: 'watch',
      description: 'Alerts',
      options: [
        { type: T.Subcommand, name: 'remove', description: 'Stop', options: [{ name: 'id', description: 'Id', required: true, type: T.String, max_length: 200, autocomplete: true }, { name: 'personal', description: 'Yours', required: false, type: T.Boolean }] },
        { type: T.Subcommand, name: 'list', description: 'List', options: [] },
      ],
      default_member_permissions: String(PermissionFlagsBits.ManageChannels),
      integration_types: [0],
      contexts: [0, 1],
    });
  });

  it('gives operator commands Manage Server and keeps them out of DMs; everyone\'s commands carry no permission', () => {
    const admin = defineCommand({ name: 'reload', description: 'Reload', options: {}, permission: 'operator', run });
    const open = defineCommand({ name: 'tags', description: 'Tags', options: {}, run });
    expect(commandPayload(admin)).toMatchObject({ default_member_permissions: String(PermissionFlagsBits.ManageGuild), contexts: [0] });
    expect(commandPayload(open)).toMatchObject({ default_member_permissions: null, contexts: [0, 1] });
  });
});

describe('buildCommandPayloads from the registry', () => {
  it('declares every registered command with valid names, descriptions and at most 25 options', () => {
    expect(buildCommandPayloads(commands).map((p) => p.name)).toEqual(commands.map((c) => c.name));
    const payloads = commands.map(commandPayload);
    for (const p of payloads) {
      expect(p.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(p.description.length).toBeGreaterThan(0);
      expect(p.description.length).toBeLessThanOrEqual(100);
      expect((p.options ?? []).length).toBeLessThanOrEqual(25);
    }
  });

  it('marks watch for Manage Channels and offers autocomplete for groups, tags, sources and subscription ids', () => {
    const watch = commands.map(commandPayload).find((p) => p.name === 'watch');
    expect(watch?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    const add = watch?.options?.find((o) => o.name === 'add') as { options: { name: string; autocomplete?: boolean }[] } | undefined;
    expect(add?.options.filter((o) => o.autocomplete).map((o) => o.name)).toEqual(['tags', 'groups', 'sources']);
    const next = commands.map(commandPayload).find((p) => p.name === 'next-meeting');
    expect(next?.options).toMatchObject([{ name: 'group', autocomplete: true }, { name: 'tz', autocomplete: true }]);
    expect(next?.default_member_permissions).toBeNull();
  });
});

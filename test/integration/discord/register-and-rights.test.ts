// Command registration against the fake's application-command routes, and
// the runtime rights and acknowledgement rules with commands made for the test.
import { ApplicationCommandOptionType as T, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../../src/bot/commands/define.js';
import { commands } from '../../../src/bot/commands/registry.js';
import { registerCommands } from '../../../src/bot/discord/register-commands.js';
import { reply } from '../../../src/core/message.js';
import { CHANNEL, GUILD, MANAGE_GUILD, MEMBER, OPERATOR_CHANNEL, OPERATOR_GUILD, PLAIN_MEMBER_PERMS, startHarness, type Harness } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const testCommands = [
  defineCommand({ name: 'reload', description: 'Operators only', options: {}, permission: 'operator', run: async () => reply.text('reloaded') }),
  defineCommand({
    name: 'ponder',
    description: 'Answers after a while, though not declared slow',
    options: { ms: { type: 'integer', description: 'How long', min: 0, max: 5000 } },
    run: async (_ctx, { ms }) => {
      await sleep((ms as number | undefined) ?? 0);
      return reply.text('pondered');
    },
  }),
  defineCommand({ name: 'grumble', description: 'Slow, then a private error', options: {}, slow: true, run: async () => reply.error('That did not work.') }),
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness('register', { bot: { commands: testCommands, ackAfterMs: 150 } });
});

afterAll(async () => {
  await h?.close();
});

describe('discord register-commands', () => {
  it('registers every command globally with default_member_permissions and autocomplete', async () => {
    const registered = await registerCommands({ token: h.fake.token, applicationId: h.fake.applicationId, apiUrl: h.fake.apiUrl, commands, log: h.app.log });
    expect(registered.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const stored = h.fake.commands.global as { name: string; default_member_permissions: string | null; options?: { name: string; options?: { name: string; autocomplete?: boolean }[] }[] }[];
    const watch = stored.find((c) => c.name === 'watch');
    expect(watch?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(watch?.options?.find((o) => o.name === 'add')?.options?.find((o) => o.name === 'groups')?.autocomplete).toBe(true);
    expect(stored.find((c) => c.name === 'next-meeting')?.default_member_permissions).toBeNull();
    const put = h.fake.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${h.fake.applicationId}/commands`);
    expect(put?.status).toBe(200);
    expect(put?.headers['authorization']).toBe('[redacted]');
  });

  it('registers in one guild with --guild, keeping command ids when run again', async () => {
    const first = await registerCommands({ token: h.fake.token, applicationId: h.fake.applicationId, apiUrl: h.fake.apiUrl, guildId: GUILD, commands, log: h.app.log });
    const again = await registerCommands({ token: h.fake.token, applicationId: h.fake.applicationId, apiUrl: h.fake.apiUrl, guildId: GUILD, commands, log: h.app.log });
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect((h.fake.commands.guild[GUILD] ?? []).length).toBe(commands.length);
  });

  it('fails with a clear error for a guild the bot is not in, and never logs the token', async () => {
    await expect(registerCommands({ token: h.fake.token, applicationId: h.fake.applicationId, apiUrl: h.fake.apiUrl, guildId: '1499999999999999999', commands, log: h.app.log })).rejects.toThrow(
      /Missing Access/,
    );
    expect(h.logs.text).not.toContain(h.fake.token);
  });
});

describe('Discord runtime rights and acknowledgement', () => {
  it('lets a Manage Server holder run operator commands in the operators\' guild only', async () => {
    const ops = await h.fake.sendInteraction({ guildId: OPERATOR_GUILD, channelId: OPERATOR_CHANNEL, user: { id: MEMBER }, memberPermissions: MANAGE_GUILD, commandName: 'reload' });
    expect(ops.original?.content).toBe('reloaded');
    const elsewhere = await h.fake.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: MEMBER }, memberPermissions: MANAGE_GUILD, commandName: 'reload' });
    expect(elsewhere.ephemeral).toBe(true);
    expect(elsewhere.original?.content).toMatch(/^Only operators can manage sources/);
    const plain = await h.fake.sendInteraction({ guildId: OPERATOR_GUILD, channelId: OPERATOR_CHANNEL, user: { id: MEMBER }, memberPermissions: PLAIN_MEMBER_PERMS, commandName: 'reload' });
    expect(plain.original?.content).toMatch(/^Only operators/);
  });

  it('answers a quick command directly and defers one whose answer is not ready in time', async () => {
    const quick = await h.fake.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: MEMBER }, commandName: 'ponder', options: [{ name: 'ms', type: T.Integer, value: 0 }] });
    expect(quick.deferred).toBe(false);
    expect(quick.original?.content).toBe('pondered');
    const late = await h.fake.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: MEMBER }, commandName: 'ponder', options: [{ name: 'ms', type: T.Integer, value: 3500 }] });
    expect(late.expired).toBe(false);
    expect(late.deferred).toBe(true);
    expect(late.original?.content).toBe('pondered');
  });

  it('replaces a public deferral with an ephemeral follow-up when the answer is private', async () => {
    const outcome = await h.fake.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: MEMBER }, commandName: 'grumble' });
    expect(outcome.deferred).toBe(true);
    await expect.poll(() => outcome.followUps.length).toBe(1);
    expect(outcome.followUps[0]?.content).toBe('That did not work.');
    expect((outcome.followUps[0]?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    await expect.poll(() => outcome.original?.deleted).toBe(true);
  });
});

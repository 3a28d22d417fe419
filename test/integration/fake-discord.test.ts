import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type APIMessage,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord/index.js';

const GUILD = '1400000000000000001';
const CHANNEL = '1400000000000000002';
const USER = '1400000000000000099';
const MESSAGES_PATH = /^\/channels\/\d+\/messages$/;

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

/** Starts a fake with one guild and one text channel, and a real client logged into it. */
async function boot(opts: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  const f = await startFakeDiscord(opts);
  fake = f;
  f.addGuild({ id: GUILD, name: 'Standards', channels: [{ id: CHANNEL, name: 'alerts' }] });
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiUrl } });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(f.token);
  await ready;
  return { fake: f, client: c };
}

function onInteraction(c: Client, handler: (i: Interaction) => Promise<unknown>): void {
  c.on(Events.InteractionCreate, (i) => {
    handler(i).catch(() => undefined); // failures show up in the fake's outcome and requests
  });
}

async function rejection(p: Promise<unknown>): Promise<DiscordAPIError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(err)}`);
  return err;
}

describe('fake Discord: gateway and REST basics', () => {
  it('lets the real client log in, become ready and see the guild and channel from GUILD_CREATE', async () => {
    const { fake: f, client: c } = await boot();
    expect(c.user?.id).toBe(f.botUserId);
    expect(c.guilds.cache.get(GUILD)?.name).toBe('Standards');
    expect(c.channels.cache.get(CHANNEL)?.isTextBased()).toBe(true);
    expect(f.connectedSessions).toBe(1);
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /gateway/bot');
  });

  it('sends a guild added after READY to the connected client', async () => {
    const { fake: f, client: c } = await boot();
    const joined = new Promise<string>((resolve) => c.once(Events.GuildCreate, (g) => resolve(g.name)));
    f.addGuild({ id: '1400000000000000050', name: 'Later', channels: [{ id: '1400000000000000051' }] });
    expect(await joined).toBe('Later');
  });

  it('stores a message posted through client.rest and answers with a full message object', async () => {
    const { fake: f, client: c } = await boot();
    const res = (await c.rest.post(Routes.channelMessages(CHANNEL), {
      body: { content: 'ITU FG-MV meets Tuesday', embeds: [{ title: 'Meeting' }], allowed_mentions: { parse: [] } },
    })) as APIMessage;
    expect(res).toMatchObject({
      channel_id: CHANNEL,
      content: 'ITU FG-MV meets Tuesday',
      author: { id: f.botUserId, bot: true },
      mentions: [],
      pinned: false,
      tts: false,
      edited_timestamp: null,
      type: 0,
    });
    expect(res.id).toMatch(/^\d{17,20}$/);
    expect(Number.isNaN(Date.parse(res.timestamp))).toBe(false);
    expect(f.messages).toHaveLength(1);
    expect(f.messages[0]).toMatchObject({ id: res.id, content: 'ITU FG-MV meets Tuesday', allowed_mentions: { parse: [] } });
    expect(f.messages[0]?.embeds[0]?.title).toBe('Meeting');
    const posted = f.requests.find((r) => r.method === 'POST' && MESSAGES_PATH.test(r.path));
    expect(posted?.headers['authorization']).toBe('[redacted]');
  });

  it('sends, fetches and edits through discord.js channel and message objects', async () => {
    const { fake: f, client: c } = await boot();
    const channel = await c.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const sent = await channel.send({ content: 'draft' });
    const edited = await sent.edit({ content: 'final' });
    expect(edited.content).toBe('final');
    expect(edited.editedTimestamp).not.toBeNull();
    expect(f.messages[0]?.content).toBe('final');
    expect(f.messages[0]?.edits.map((e) => e.body['content'])).toEqual(['final']);
    const fetched = (await c.rest.get(Routes.channelMessage(CHANNEL, sent.id))) as APIMessage;
    expect(fetched.content).toBe('final');
  });

  it('opens a DM channel and delivers a message to it', async () => {
    const { fake: f, client: c } = await boot();
    const dmId = f.addDmChannel(USER);
    const user = await c.users.createDM(USER);
    expect(user.id).toBe(dmId);
    await user.send('personal digest');
    expect(f.messages.map((m) => [m.channel_id, m.content])).toEqual([[dmId, 'personal digest']]);
  });

  it('stores one message when the same nonce is sent twice with enforce_nonce, and returns the original both times', async () => {
    const { fake: f, client: c } = await boot();
    const body = { content: 'alert 1', nonce: 'sw-abc123', enforce_nonce: true };
    const first = (await c.rest.post(Routes.channelMessages(CHANNEL), { body })) as APIMessage;
    const second = (await c.rest.post(Routes.channelMessages(CHANNEL), { body: { ...body, content: 'alert 1 again' } })) as APIMessage;
    expect(second.id).toBe(first.id);
    expect(second.content).toBe('alert 1');
    expect(f.messages).toHaveLength(1);
  });

  it('stores two messages for the same nonce without enforce_nonce', async () => {
    const { fake: f, client: c } = await boot();
    const body = { content: 'x', nonce: 'same' };
    await c.rest.post(Routes.channelMessages(CHANNEL), { body });
    await c.rest.post(Routes.channelMessages(CHANNEL), { body });
    expect(f.messages).toHaveLength(2);
  });

  it('refuses over-long content with Invalid Form Body and an empty message with 50006', async () => {
    const { fake: f, client: c } = await boot();
    const long = await rejection(c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'a'.repeat(2001) } }));
    expect([long.status, long.code]).toEqual([400, 50035]);
    expect(long.rawError).toMatchObject({ errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    const empty = await rejection(c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: '' } }));
    expect([empty.status, empty.code]).toEqual([400, 50006]);
    expect(f.messages).toHaveLength(0);
  });

  it('answers 404 Unknown Channel for a deleted channel and 403 Missing Access for a removed one', async () => {
    const { fake: f, client: c } = await boot();
    f.addGuild({ id: '1400000000000000060', channels: [{ id: '1400000000000000061' }] });
    f.deleteChannel(CHANNEL);
    f.removeChannelAccess('1400000000000000061');
    const gone = await rejection(c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'x' } }));
    expect([gone.status, gone.code, gone.message]).toEqual([404, 10003, 'Unknown Channel']);
    const denied = await rejection(c.rest.post(Routes.channelMessages('1400000000000000061'), { body: { content: 'x' } }));
    expect([denied.status, denied.code, denied.message]).toEqual([403, 50001, 'Missing Access']);
    expect(f.messages).toHaveLength(0);
  });

  it('answers 401 to a wrong bot token and 404 with a Discord body to an unknown route, recording both', async () => {
    const { fake: f } = await boot();
    const unauthorized = await fetch(`${f.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot nope' } });
    expect(unauthorized.status).toBe(401);
    const unknown = await fetch(`${f.apiUrl}/v10/guilds/1/bans`, { headers: { authorization: `Bot ${f.token}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(f.requests.find((r) => r.path === '/guilds/1/bans')).toMatchObject({ unknownRoute: true, status: 404 });
  });
});

describe('fake Discord: fault injection', () => {
  it('answers a 429 that discord.js waits out, after which the message arrives once', async () => {
    const { fake: f, client: c } = await boot();
    f.failNext({ method: 'POST', path: MESSAGES_PATH }, { status: 429, retryAfterSec: 1 });
    const started = Date.now();
    await c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'after the limit' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(f.messages.map((m) => m.content)).toEqual(['after the limit']);
    const posts = f.requests.filter((r) => r.method === 'POST' && MESSAGES_PATH.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
  });

  it('answers a global 429 that holds every route until it passes', async () => {
    const { fake: f, client: c } = await boot();
    f.failNext({ path: MESSAGES_PATH }, { status: 429, retryAfterSec: 1, global: true });
    const started = Date.now();
    await c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'held' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const limited = f.requests.find((r) => r.status === 429);
    expect(limited?.fault).toEqual({ status: 429, retryAfterSec: 1, global: true });
    expect(f.messages).toHaveLength(1);
  });

  it('answers 500 twice, which discord.js retries, and stores the message once', async () => {
    const { fake: f, client: c } = await boot();
    f.failNext({ path: MESSAGES_PATH }, { status: 500 }, 2);
    await c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'persistent' } });
    expect(f.messages).toHaveLength(1);
    expect(f.requests.filter((r) => MESSAGES_PATH.test(r.path)).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('resets the connection after storing, and a resend with the same enforced nonce returns that message', async () => {
    const { fake: f, client: c } = await boot();
    f.failNext({ method: 'POST', path: MESSAGES_PATH }, { reset: 'after' });
    const body = { content: 'exactly once', nonce: 'sw-job-42', enforce_nonce: true };
    await expect(c.rest.post(Routes.channelMessages(CHANNEL), { body })).rejects.toThrow();
    expect(f.messages).toHaveLength(1);
    const retried = (await c.rest.post(Routes.channelMessages(CHANNEL), { body })) as APIMessage;
    expect(retried.id).toBe(f.messages[0]?.id);
    expect(f.messages).toHaveLength(1);
  });

  it('resets the connection before storing, so nothing is stored', async () => {
    const { fake: f, client: c } = await boot();
    f.failNext({ method: 'POST', path: MESSAGES_PATH }, { reset: 'before' });
    await expect(c.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'lost' } })).rejects.toThrow();
    expect(f.messages).toHaveLength(0);
    expect(f.requests.at(-1)).toMatchObject({ status: 0, fault: { reset: 'before' } });
  });
});

describe('fake Discord: interactions and commands', () => {
  it('delivers a slash command to interactionCreate and returns the ephemeral reply as the outcome', async () => {
    const { fake: f, client: c } = await boot();
    const seen: { name: string; group: string | null; perms: boolean }[] = [];
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push({
        name: i.commandName,
        group: i.options.getString('group'),
        perms: i.memberPermissions?.has('ManageChannels') ?? false,
      });
      await i.reply({ content: 'FG-MV meets on 3 March', flags: MessageFlags.Ephemeral });
    });
    const outcome = await f.sendInteraction({
      guildId: GUILD,
      channelId: CHANNEL,
      user: { id: USER, username: 'ana' },
      memberPermissions: 16n, // Manage Channels
      commandName: 'next-meeting',
      options: [{ name: 'group', type: ApplicationCommandOptionType.String, value: 'fg-mv' }],
    });
    expect(seen).toEqual([{ name: 'next-meeting', group: 'fg-mv', perms: true }]);
    expect(outcome.expired).toBe(false);
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toBe('FG-MV meets on 3 March');
    expect((outcome.original?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const callback = f.requests.find((r) => r.path.endsWith('/callback'));
    expect(callback?.headers['authorization']).toBeUndefined();
  });

  it('supports deferReply then editReply, resolving with the edited @original', async () => {
    const { fake: f, client: c } = await boot();
    const edited: string[] = [];
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await new Promise((r) => setTimeout(r, 50));
      edited.push((await i.editReply({ content: 'three meetings ahead' })).content);
    });
    const outcome = await f.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: USER }, commandName: 'upcoming' });
    await expect.poll(() => edited).toEqual(['three meetings ahead']); // the bot gets the edit back after the fake stored it
    expect(outcome.deferred).toBe(true);
    expect(outcome.ephemeral).toBe(false);
    expect(outcome.original?.content).toBe('three meetings ahead');
    expect((outcome.original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(outcome.original?.edits).toHaveLength(1);
  });

  it('refuses a second callback with 40060 and rejects sendInteraction when no client is connected', async () => {
    const { fake: f, client: c } = await boot();
    onInteraction(c, async (i) => (i.isChatInputCommand() ? i.reply('first') : undefined));
    const outcome = await f.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: USER }, commandName: 'help' });
    const again = await fetch(`${f.apiUrl}/v10/interactions/${outcome.interactionId}/${outcome.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'second' } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    expect(outcome.original?.content).toBe('first');
    await c.destroy();
    await expect.poll(() => f.connectedSessions).toBe(0);
    await expect(f.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: USER }, commandName: 'help' })).rejects.toThrow(
      /no identified gateway session/,
    );
  });

  it('refuses a reply that comes after the interaction window with 10062 Unknown interaction', async () => {
    const { fake: f, client: c } = await boot({ interactionWindowMs: 300 });
    const replyErrors: unknown[] = [];
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 500));
      await i.reply('too late').catch((e: unknown) => replyErrors.push(e));
    });
    const outcome = await f.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user: { id: USER }, commandName: 'search' });
    expect(outcome.expired).toBe(true);
    await expect.poll(() => replyErrors.length).toBe(1);
    expect(replyErrors[0]).toBeInstanceOf(DiscordAPIError);
    expect((replyErrors[0] as DiscordAPIError).code).toBe(10062);
    expect(outcome.rejectedCallbacks).toMatchObject([{ status: 404, code: 10062 }]);
  });

  it('returns autocomplete choices and delivers DM interactions with a user and no member', async () => {
    const { fake: f, client: c } = await boot();
    const dm = f.addDmChannel(USER);
    const contexts: { inGuild: boolean; user: string }[] = [];
    const replied: string[] = [];
    onInteraction(c, async (i) => {
      contexts.push({ inGuild: i.inGuild(), user: i.user.id });
      if (i.isAutocomplete()) await i.respond([{ name: 'FG-MV', value: 'fg-mv' }]);
      else if (i.isChatInputCommand()) {
        const res = await i.reply({ content: 'ok', withResponse: true });
        replied.push(res.resource?.message?.content ?? '');
      }
    });
    const auto = await f.sendInteraction({
      type: 'autocomplete',
      guildId: GUILD,
      channelId: CHANNEL,
      user: { id: USER },
      commandName: 'next-meeting',
      options: [{ name: 'group', type: ApplicationCommandOptionType.String, value: 'fg', focused: true }],
    });
    expect(auto.choices).toEqual([{ name: 'FG-MV', value: 'fg-mv' }]);
    const direct = await f.sendInteraction({ channelId: dm, user: { id: USER }, commandName: 'help' });
    expect(direct.original?.content).toBe('ok');
    await expect.poll(() => replied).toEqual(['ok']); // with_response=true gives discord.js the stored message
    expect(contexts).toEqual([
      { inGuild: true, user: USER },
      { inGuild: false, user: USER },
    ]);
  });

  it('records global and guild command registration and keeps ids across re-registration', async () => {
    const { fake: f, client: c } = await boot();
    const cmd = { name: 'next-meeting', description: 'When a group meets next' };
    const first = await c.application?.commands.set([cmd]);
    const again = await c.application?.commands.set([cmd]);
    expect(first?.first()?.id).toBe(again?.first()?.id);
    await c.application?.commands.set([{ name: 'sources', description: 'Operators only' }], GUILD);
    expect(f.commands.global).toMatchObject([{ name: 'next-meeting', application_id: f.applicationId }]);
    expect(f.commands.guild[GUILD]).toMatchObject([{ name: 'sources', guild_id: GUILD }]);
    const bad = await rejection(c.rest.put(Routes.applicationCommands(f.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] }));
    expect([bad.status, bad.code]).toEqual([400, 50035]);
  });
});

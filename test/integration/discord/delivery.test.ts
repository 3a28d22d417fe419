// Alerts through the real deliver processor, the real Discord sink
// (@discordjs/rest) and the fake Discord: escaping, exactly-once under
// retries and lost responses, rate limits, story edits and lost targets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDeps } from '../../../src/app/pipeline.js';
import { createDiscordSink } from '../../../src/bot/discord/sink.js';
import { TargetLostError, TransientError } from '../../../src/core/errors.js';
import type { Subscription } from '../../../src/core/types.js';
import { deliverAlert } from '../../../src/jobs/processors/deliver-alert.js';
import { CHANNEL, MEMBER, OTHER_CHANNEL, startHarness, storeItem, testItem, type Harness } from './harness.js';

const MESSAGES = /^\/channels\/\d+\/messages$/;
const ZW = '\u200b';
let h: Harness;
let subCount = 0;

beforeAll(async () => {
  h = await startHarness('delivery');
});

afterAll(async () => {
  await h?.close();
});

async function subscribe(target: string, extra: Partial<Subscription> = {}): Promise<Subscription> {
  subCount += 1;
  const sub: Subscription = {
    id: `wdelivery${subCount}`,
    platform: 'discord',
    target,
    personal: false,
    filter: { tags: [], keywords: [], groups: [], sources: [], minScore: 0 },
    mode: 'instant',
    timeZone: 'UTC',
    createdBy: MEMBER,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
  await h.app.stores.subscriptions.add(sub);
  return sub;
}

function messagesIn(channelId: string) {
  return h.fake.messages.filter((m) => m.channel_id === channelId && !m.deleted);
}

function postsTo(channelId: string) {
  return h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

describe('Discord alerts', () => {
  it('posts one embed whose hostile feed title is defused, with allowed_mentions.parse empty and an enforced nonce', async () => {
    const channel = '1400000000000000201';
    h.fake.addGuild({ id: '1400000000000000200', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const item = await storeItem(h.app, testItem({ title: '@everyone <@&123> [click](javascript:alert(1))', summary: 'Hi @here, see <#42> and `code`.' }));
    const outcome = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app));
    expect(outcome.status).toBe('sent');
    const [message] = messagesIn(channel);
    expect(messagesIn(channel)).toHaveLength(1);
    expect(message!.id).toBe(outcome.messageId);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.embeds[0]!.title).toBe(`@${ZW}everyone <@${ZW}&123\\> \\[click\\](javascript:alert(1))`);
    expect(message!.embeds[0]!.url).toBe(item.url);
    expect(message!.embeds[0]!.description).toBe(`Hi @${ZW}here, see <${ZW}#42\\> and \\\`code\\\`.`);
    expect(message!.embeds[0]!.timestamp).toBe('2024-01-08T10:00:00.000Z');
    expect(message!.enforce_nonce).toBe(true);
    expect(String(message!.nonce).length).toBeLessThanOrEqual(25);
    expect(postsTo(channel)[0]?.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
  });

  it('sends nothing the second time the same deliver job runs', async () => {
    const sub = await subscribe(CHANNEL);
    const item = await storeItem(h.app, testItem());
    const before = messagesIn(CHANNEL).length;
    const first = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app));
    const second = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app), 2);
    expect(first.status).toBe('sent');
    expect(second).toEqual({ status: 'already-sent', messageId: first.messageId });
    expect(messagesIn(CHANNEL).length).toBe(before + 1);
  });

  it('gets the original message back when the first attempt was stored but its response was lost', async () => {
    const channel = '1400000000000000211';
    h.fake.addGuild({ id: '1400000000000000210', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const item = await storeItem(h.app, testItem());
    h.fake.failNext({ method: 'POST', path: MESSAGES }, { reset: 'after' });
    const failed = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TransientError);
    expect(messagesIn(channel)).toHaveLength(1); // stored, though the bot never heard back
    const retried = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app), 2);
    expect(retried.status).toBe('sent');
    expect(retried.messageId).toBe(messagesIn(channel)[0]!.id);
    expect(messagesIn(channel)).toHaveLength(1);
    expect(postsTo(channel).map((r) => r.status)).toEqual([0, 200]);
    expect(postsTo(channel)[0]!.body).toMatchObject({ nonce: (postsTo(channel)[1]!.body as { nonce: string }).nonce });
    expect((await h.app.stores.deliveries.get(sub.id, item.id))?.messageId).toBe(retried.messageId);
  });

  it('waits out a 429 with retry-after and then posts once', async () => {
    const channel = '1400000000000000221';
    h.fake.addGuild({ id: '1400000000000000220', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const item = await storeItem(h.app, testItem());
    h.fake.failNext({ method: 'POST', path: MESSAGES }, { status: 429, retryAfterSec: 1 });
    const started = Date.now();
    const outcome = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app));
    expect(outcome.status).toBe('sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(postsTo(channel).map((r) => r.status)).toEqual([429, 200]);
    expect(messagesIn(channel)).toHaveLength(1);
  });

  it('surfaces a Discord outage (5xx after discord.js retries) as a TransientError and posts nothing', async () => {
    const channel = '1400000000000000231';
    h.fake.addGuild({ id: '1400000000000000230', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const item = await storeItem(h.app, testItem());
    h.fake.failNext({ method: 'POST', path: MESSAGES }, { status: 502 }, 4);
    const err = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, deliverDeps(h.app)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(messagesIn(channel)).toHaveLength(0);
    expect((await h.app.stores.subscriptions.get(sub.id))?.paused).toBeFalsy();
  });

  it('edits the first message when a second source reports the same story ("Also reported by")', async () => {
    const channel = '1400000000000000241';
    h.fake.addGuild({ id: '1400000000000000240', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const first = await storeItem(h.app, testItem({ storyId: 'story-fgmv', title: 'China Mobile pitches digital ID to FG-MV' }));
    const second = await storeItem(h.app, testItem({ storyId: 'story-fgmv', sourceId: 'heise', url: 'https://www.heise.de/news/fgmv-123.html', title: 'Digitale Identität im Metaverse' }));
    const sent = await deliverAlert({ subscriptionId: sub.id, itemId: first.id }, deliverDeps(h.app));
    const edited = await deliverAlert({ subscriptionId: sub.id, itemId: second.id }, deliverDeps(h.app));
    expect(sent.status).toBe('sent');
    expect(edited).toEqual({ status: 'edited', messageId: sent.messageId });
    const [message] = messagesIn(channel);
    expect(messagesIn(channel)).toHaveLength(1);
    expect(message!.edits).toHaveLength(1);
    expect(message!.embeds[0]!.title).toBe('China Mobile pitches digital ID to FG-MV');
    expect(message!.embeds[0]!.description).toContain('**Also reported by**\n• [heise online](https://www.heise.de/news/fgmv-123.html)');
    expect(message!.edits[0]!.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('posts the story again when the message to edit was deleted meanwhile', async () => {
    const channel = '1400000000000000251';
    h.fake.addGuild({ id: '1400000000000000250', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    const first = await storeItem(h.app, testItem({ storyId: 'story-deleted' }));
    const second = await storeItem(h.app, testItem({ storyId: 'story-deleted', sourceId: 'heise' }));
    const sent = await deliverAlert({ subscriptionId: sub.id, itemId: first.id }, deliverDeps(h.app));
    h.fake.messages.find((m) => m.id === sent.messageId)!.deleted = true;
    const again = await deliverAlert({ subscriptionId: sub.id, itemId: second.id }, deliverDeps(h.app));
    expect(again.status).toBe('edited');
    expect(again.messageId).not.toBe(sent.messageId);
    expect(messagesIn(channel)).toHaveLength(1);
    expect(messagesIn(channel)[0]!.embeds[0]!.description).toContain('Also reported by');
    expect((await h.app.stores.deliveries.storyPost('discord', channel, 'story-deleted'))?.messageId).toBe(again.messageId);
  });

  it('pauses the subscription when the bot lost access to the channel (403 Missing Access)', async () => {
    const sub = await subscribe(OTHER_CHANNEL);
    const item = await storeItem(h.app, testItem());
    h.fake.removeChannelAccess(OTHER_CHANNEL);
    const lost: string[] = [];
    const err = await deliverAlert({ subscriptionId: sub.id, itemId: item.id }, { ...deliverDeps(h.app), onTargetLost: (s, e) => lost.push(`${s.id}: ${e.reason}`) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetLostError);
    expect((err as TargetLostError).reason).toBe('Missing Access (50001)');
    expect((await h.app.stores.subscriptions.get(sub.id))?.paused).toBe(true);
    expect(lost).toEqual([`${sub.id}: Missing Access (50001)`]);
    const later = await deliverAlert({ subscriptionId: sub.id, itemId: (await storeItem(h.app, testItem())).id }, deliverDeps(h.app));
    expect(later).toEqual({ status: 'skipped', reason: 'subscription paused' });
  });

  it('pauses the subscription when its channel was deleted (404 Unknown Channel)', async () => {
    const channel = '1400000000000000261';
    h.fake.addGuild({ id: '1400000000000000260', channels: [{ id: channel }] });
    const sub = await subscribe(channel);
    h.fake.deleteChannel(channel);
    const err = await deliverAlert({ subscriptionId: sub.id, itemId: (await storeItem(h.app, testItem())).id }, deliverDeps(h.app)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetLostError);
    expect((err as TargetLostError).reason).toBe('Unknown Channel (10003)');
    expect((await h.app.stores.subscriptions.get(sub.id))?.paused).toBe(true);
  });
});

describe('Discord personal alerts and digests', () => {
  it('delivers a personal subscription by DM and edits that DM for the story\'s second source, even from a fresh process', async () => {
    const user = '1400000000000000301';
    const sub = await subscribe(user, { personal: true });
    const first = await storeItem(h.app, testItem({ storyId: 'story-dm' }));
    const second = await storeItem(h.app, testItem({ storyId: 'story-dm', sourceId: 'heise' }));
    const sent = await deliverAlert({ subscriptionId: sub.id, itemId: first.id }, deliverDeps(h.app));
    const dm = h.fake.addDmChannel(user);
    expect(messagesIn(dm).map((m) => m.id)).toEqual([sent.messageId]);
    // Another worker process: its sink has never opened this DM.
    const fresh = createDiscordSink({ token: h.fake.token, apiUrl: h.fake.apiUrl, log: h.app.log });
    try {
      const edited = await deliverAlert({ subscriptionId: sub.id, itemId: second.id }, { ...deliverDeps(h.app), sinks: { discord: fresh } });
      expect(edited).toEqual({ status: 'edited', messageId: sent.messageId });
    } finally {
      await fresh.close();
    }
    expect(messagesIn(dm)).toHaveLength(1);
    expect(messagesIn(dm)[0]!.embeds[0]!.description).toContain('Also reported by');
  });

  it('sends a digest to a channel and to a user by DM, sections rendered as lines with links', async () => {
    const user = '1400000000000000302';
    const digest = {
      kind: 'digest' as const,
      title: 'Daily digest — 2 new items',
      sections: [{ heading: 'Digital identity', lines: [{ text: 'FG-MV *debates* ID', url: 'https://www.itu.int/x', detail: 'ITU News' }, { text: '@everyone look', detail: 'heise' }] }],
      accent: 'info' as const,
    };
    const inChannel = await h.sink.send(CHANNEL, digest, { idempotencyKey: 'digest-channel-1' });
    const byDm = await h.sink.sendToUser!(user, digest, { idempotencyKey: 'digest-user-1' });
    const again = await h.sink.sendToUser!(user, digest, { idempotencyKey: 'digest-user-1' });
    expect(again.messageId).toBe(byDm.messageId);
    const dm = h.fake.addDmChannel(user);
    expect(messagesIn(dm)).toHaveLength(1);
    const expected = `**Digital identity**\n• [FG-MV \\*debates\\* ID](https://www.itu.int/x) — ITU News\n• @${ZW}everyone look — heise`;
    expect(messagesIn(dm)[0]!.embeds[0]!.description).toBe(expected);
    expect(h.fake.messages.find((m) => m.id === inChannel.messageId)?.embeds[0]?.description).toBe(expected);
  });
});

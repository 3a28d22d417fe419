// Hostile feed text: titles and summaries carrying @everyone, @here, role and
// user mentions, @room, Matrix pills, Markdown link tricks, <script>,
// javascript: links and ANSI escapes. Delivered by the deliver workers to
// BOTH fakes and to the terminal: nothing pings, nothing executes, nothing
// reaches the terminal as an escape sequence.
import { afterAll, describe, expect, it } from 'vitest';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import { alertMessage } from '../../src/core/alert.js';
import { emptyFilter } from '../../src/core/filter.js';
import type { Item, Subscription } from '../../src/core/types.js';
import { createTerminalSink } from '../../src/bot/terminal/sink.js';
import type { Workers } from '../../src/jobs/workers.js';
import { Capture } from '../helpers/streams.js';
import * as discord from '../integration/discord/harness.js';
import * as matrix from '../integration/matrix/harness.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { until } from './helpers/wait.js';

const GROUP = 'hostile feed text';
afterAll(() => printSummary());

const HOSTILE: { title: string; summary: string }[] = [
  { title: 'Vote now @everyone and @here!', summary: 'Ping <@&123456789012345678> and <@123456789012345678> and <#123456789012345678>.' },
  { title: 'Attention @room: FG-MV news', summary: 'Talk to <a href="https://matrix.to/#/@alice:example.org">Alice</a> or @room today.' },
  { title: '[Click here](javascript:alert(1)) for **details**', summary: '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))' },
  { title: 'Red \u001b[31mALERT\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', summary: 'Clear screen \u001b[2J\u001b[H and bell \u0007 and \u009b31m C1 CSI.' },
  { title: '<a href="javascript:alert(1)">x</a> ||spoiler|| `code` > quote', summary: '[https://itu.int](https://evil.example) masked link and @everyone again' },
];

function sub(id: string, platform: 'discord' | 'matrix', target: string): Subscription {
  return { id, platform, target, personal: false, filter: emptyFilter(), mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: new Date().toISOString() };
}

const MENTION = /@(everyone|here)\b|<@[!&]?\d+>|<#\d+>/;

describe('hostile text in items', () => {
  it('reaches Discord without a live mention: allowed_mentions.parse is empty and no raw mention remains', async () => {
    const h = await discord.startHarness('faults-text-dc');
    let workers: Workers | undefined;
    try {
      const items: Item[] = [];
      for (const [i, x] of HOSTILE.entries()) items.push(await discord.storeItem(h.app, discord.testItem({ ...x, storyId: `ht${i}-${Date.now()}` })));
      const s = sub('whostiledc', 'discord', discord.CHANNEL);
      await h.app.stores.subscriptions.add(s);
      workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 1, deliver: 2 });
      await h.app.enqueue.deliver(items.map((it) => ({ subscriptionId: s.id, itemId: it.id })));
      await until('Discord alerts', () => h.fake.messages.length >= items.length, 15_000);
      for (const m of h.fake.messages) {
        expect(m.allowed_mentions?.parse).toEqual([]);
        const strings = [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
        for (const text of strings) {
          expect(text).not.toMatch(MENTION);
          // A Markdown link needs an unescaped "](": feed text may not make one (masked or javascript: links).
          expect(text).not.toMatch(/(?<!\\)\]\(/);
          expect(text).not.toContain('\u001b');
        }
        tally(GROUP).tried += 1;
        tally(GROUP).refused += 1;
      }
      countDeliveries(GROUP, items.map((i) => i.url), h.fake.messages.map((m) => m.embeds[0]?.url ?? ''));
    } finally {
      await workers?.close();
      await h.close();
    }
  });

  it('reaches Matrix without notifying the room, with sanitised formatted_body (no script, no javascript:)', async () => {
    const h = await matrix.startHarness('faults-text-mx');
    let workers: Workers | undefined;
    try {
      const roomId = h.fake.createRoom({ creator: matrix.ALICE, members: [matrix.BOT], powerLevels: { [matrix.BOT]: 50 } });
      const items: Item[] = [];
      for (const [i, x] of HOSTILE.entries()) {
        const it = matrix.testItem({ ...x, storyId: `hm${i}-${Date.now()}` });
        await matrix.storeItem(h.app, it);
        items.push(it);
      }
      const s = sub('whostilemx', 'matrix', roomId);
      await h.app.stores.subscriptions.add(s);
      workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 1, deliver: 2 });
      await h.app.enqueue.deliver(items.map((it) => ({ subscriptionId: s.id, itemId: it.id })));
      const sent = () => h.fake.sentByBot(roomId).filter((e) => e.type === 'm.room.message');
      await until('Matrix alerts', () => sent().length >= items.length, 15_000);
      for (const e of sent()) {
        expect(h.fake.wouldNotifyRoom(e)).toBe(false);
        expect(h.fake.wouldNotifyUser(e, matrix.ALICE)).toBe(false);
        expect(e.content['m.mentions']).toEqual({});
        const html = String(e.content['formatted_body'] ?? '');
        // Feed text may appear as escaped text; no real tag may be a script, carry a handler or a javascript: URL.
        const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
        for (const tag of tags) expect(tag).not.toMatch(/^<(script|img|iframe)|\son\w+=|javascript:/i);
        expect(html).not.toMatch(/<a href="https:\/\/matrix\.to/); // no pill made from feed text
        tally(GROUP).tried += 1;
        tally(GROUP).refused += 1;
      }
      countDeliveries(GROUP, items.map((i) => i.url), sent().map((e) => items.find((it) => String(e.content['body']).includes(it.url))?.url ?? '?'));
    } finally {
      await workers?.close();
      await h.close();
    }
  });

  it('prints to the terminal (TTY or not) without any escape sequence taken from feed text', async () => {
    for (const isTTY of [false, true]) {
      const out = Object.assign(new Capture(), { isTTY });
      const sink = createTerminalSink(out);
      for (const x of HOSTILE) {
        const item = discord.testItem(x);
        await sink.send('terminal', alertMessage(item, { sourceName: 'Evil feed', groupNames: [] } as never), { idempotencyKey: item.id });
      }
      // Our own colouring (TTY) uses SGR codes; none may come from the feed: no OSC, no clear screen, no C1, no bell.
      const text = out.text;
      expect(text).not.toMatch(/\u001b\]|\u001b\[2J|\u001b\[H|\u0007|\u009b/);
      if (!isTTY) expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\u001b[31mALERT');
      tally(GROUP).tried += HOSTILE.length;
      tally(GROUP).refused += HOSTILE.length;
    }
  });
});

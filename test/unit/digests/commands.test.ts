import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { context, run, services } from './command-fakes.js';
import { item } from './items.js';

describe('watch add|list|remove', () => {
  it('creates an instant subscription for the room and explains the filter back in words', async () => {
    const svc = services();
    const answer = await run(context(svc), 'watch add tags:digital-identity,surveillance groups:fg-mv keywords:police min-score:0.4');
    expect(answer.kind).toBe('answer');
    const [sub] = await svc.subscriptions.all();
    expect(sub).toMatchObject({ platform: 'matrix', target: '!room:example.org', personal: false, mode: 'instant' });
    expect(sub!.filter).toEqual({ tags: ['digital-identity', 'surveillance'], groups: ['itu-t-fg-mv'], keywords: ['police'], sources: [], minScore: 0.4 });
    expect(answer.text).toBe(
      `Watching items tagged Digital identity or Surveillance, about ITU-T FG-MV, containing "police", with relevance at least 40%. Alerts go here. (id ${sub!.id}; "watch remove ${sub!.id}" stops it.)`,
    );
  });

  it('refuses an unknown tag with suggestions', async () => {
    const svc = services();
    const answer = await run(context(svc), 'watch add tags:survelance');
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain('unknown tag "survelance" — did you mean surveillance');
    expect(await svc.subscriptions.all()).toEqual([]);
  });

  it('refuses an unknown group with suggestions', async () => {
    const svc = services();
    const answer = await run(context(svc), 'watch add groups:fg-xx');
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain('no group called "fg-xx" — did you mean FG-MV?');
  });

  it('refuses an unknown source', async () => {
    const answer = await run(context(services()), 'watch add sources:nowhere');
    expect(answer.text).toContain('Unknown source: nowhere');
  });

  it('refuses the same filter twice in one place', async () => {
    const svc = services();
    await run(context(svc), 'watch add tags:privacy');
    const again = await run(context(svc), 'watch add tags:privacy');
    expect(again.kind).toBe('error');
    expect(again.text).toContain('already watched here');
    expect(await svc.subscriptions.all()).toHaveLength(1);
  });

  it('needs the moderator right for the room, but not for a personal subscription', async () => {
    const svc = services();
    const ctx = context(svc, { can: { manageTarget: false, operator: false } });
    expect((await run(ctx, 'watch add tags:privacy')).kind).toBe('error');
    const personal = await run(ctx, 'watch add tags:privacy personal:true');
    expect(personal.kind).toBe('answer');
    expect(personal.text).toContain('Alerts go to you directly');
    expect((await svc.subscriptions.all())[0]).toMatchObject({ target: '@alice:example.org', personal: true });
  });

  it('lists subscriptions with ids and a one-line description, and removes one by id', async () => {
    const svc = services();
    const ctx = context(svc);
    await run(ctx, 'watch add tags:privacy');
    await run(ctx, 'digest daily 09:00 Europe/Brussels groups:sg17');
    const list = await run(ctx, 'watch list');
    const [watch, digest] = await svc.subscriptions.all();
    expect(list.sections![0]!.lines).toEqual([
      { text: `${watch!.id} — instant alerts`, detail: 'items tagged Privacy' },
      { text: `${digest!.id} — digest daily at 09:00 Europe/Brussels`, detail: 'items about SG17' },
    ]);
    const removed = await run(ctx, `watch remove ${digest!.id}`);
    expect(removed.text).toContain(`Removed ${digest!.id}`);
    expect(svc.digests.unscheduled).toEqual([digest!.id]);
    expect((await svc.subscriptions.all()).map((s) => s.id)).toEqual([watch!.id]);
  });

  it('does not remove another room’s subscription', async () => {
    const svc = services();
    await run(context(svc, { target: '!other:example.org' }), 'watch add tags:privacy');
    const [other] = await svc.subscriptions.all();
    const answer = await run(context(svc), `watch remove ${other!.id}`);
    expect(answer.kind).toBe('error');
    expect(await svc.subscriptions.all()).toHaveLength(1);
  });
});

describe('digest daily|weekly|off|preview', () => {
  it('sets up a daily digest at a local time and zone, schedules it, and says when it runs next', async () => {
    const svc = services();
    const answer = await run(context(svc), 'digest daily 09:00 Europe/Brussels tags:surveillance');
    const [sub] = await svc.subscriptions.all();
    expect(sub).toMatchObject({ mode: 'daily', at: '09:00', timeZone: 'Europe/Brussels', personal: false, sendEmpty: false, filter: { tags: ['surveillance'] } });
    expect(svc.digests.scheduled.map((s) => s.id)).toEqual([sub!.id]);
    // Now is Fri 29 Mar 12:00 UTC; the next 09:00 in Brussels is Saturday, 08:00 UTC.
    expect(answer.text).toContain('Digest set up here: daily at 09:00 Europe/Brussels (next: Sat 30 Mar 09:00), with items tagged Surveillance.');
  });

  it('refuses an unknown time zone with an example of a valid one', async () => {
    const svc = services();
    const answer = await run(context(svc), 'digest daily 09:00 Europe/Brusels');
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain('unknown time zone "Europe/Brusels" — use an IANA name such as Europe/Brussels');
    expect(await svc.subscriptions.all()).toEqual([]);
  });

  it('refuses a time that is not HH:MM', async () => {
    const answer = await run(context(services()), 'digest daily 25:00');
    expect(answer.text).toContain('expected a time HH:MM');
  });

  it('sets up a weekly digest on a weekday, and changing it keeps one digest per place', async () => {
    const svc = services();
    const ctx = context(svc);
    await run(ctx, 'digest daily 09:00');
    const first = (await svc.subscriptions.all())[0]!;
    const answer = await run(ctx, 'digest weekly monday 08:30 America/New_York send-empty:true');
    const all = await svc.subscriptions.all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: first.id, mode: 'weekly', weekday: 1, at: '08:30', timeZone: 'America/New_York', sendEmpty: true });
    expect(answer.text).toContain('Changed the digest here: every Monday at 08:30 America/New_York (next: Mon 1 Apr 08:30)');
  });

  it('in a direct conversation makes a personal digest whose target is the user', async () => {
    const svc = services();
    const ctx = context(svc, { isDirect: true, target: '!dm:example.org', can: { manageTarget: false, operator: false } });
    const answer = await run(ctx, 'digest daily 07:00 UTC');
    expect(answer.private).toBe(true);
    expect((await svc.subscriptions.all())[0]).toMatchObject({ target: '@alice:example.org', personal: true });
  });

  it('needs the moderator right for the room but not with personal:true', async () => {
    const svc = services();
    const ctx = context(svc, { can: { manageTarget: false, operator: false } });
    expect((await run(ctx, 'digest daily 09:00')).kind).toBe('error');
    expect((await run(ctx, 'digest daily 09:00 personal:true')).kind).toBe('answer');
  });

  it('digest off removes and unschedules the digest here', async () => {
    const svc = services();
    const ctx = context(svc);
    await run(ctx, 'digest daily 09:00 Europe/Brussels');
    const id = (await svc.subscriptions.all())[0]!.id;
    const answer = await run(ctx, 'digest off');
    expect(answer.text).toBe('Stopped the daily at 09:00 Europe/Brussels digest here.');
    expect(svc.digests.unscheduled).toEqual([id]);
    expect(await svc.subscriptions.all()).toEqual([]);
    expect((await run(ctx, 'digest off')).text).toBe('There is no digest here.');
  });

  it('digest preview uses the digest previewer when the process has one', async () => {
    const seen: string[] = [];
    const svc = services({ extra: { digestPreview: { preview: async (sub: { id: string }) => (seen.push(sub.id), { kind: 'digest', text: 'from the ledger' }) } } });
    const ctx = context(svc);
    expect((await run(ctx, 'digest preview')).text).toContain('There is no digest here yet. Set one up with "digest daily 09:00 UTC".');
    await run(ctx, 'digest daily 09:00');
    const preview = await run(ctx, 'digest preview');
    expect(preview.text).toBe('from the ledger');
    expect(seen).toHaveLength(1);
  });

  it('digest preview without a previewer shows the recent matching items', async () => {
    const recent = [item('a', { tags: ['surveillance'], title: 'Matching item' }), item('b', { tags: ['privacy'], title: 'Other item' })];
    const svc = services({}, recent);
    const ctx = context(svc);
    await run(ctx, 'digest daily 09:00 tags:surveillance');
    const text = messageToPlainText(await run(ctx, 'digest preview'));
    expect(text).toContain('Preview: Daily digest');
    expect(text).toContain('Matching item');
    expect(text).not.toContain('Other item');
  });
});

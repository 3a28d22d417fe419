// The command core with in-memory services: parsing, permissions, errors, rate limits.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runTokens } from '../../../src/bot/commands/dispatch.js';
import type { CommandContext } from '../../../src/bot/commands/define.js';
import { bindTokens, tokenize } from '../../../src/bot/commands/parse-text.js';
import { createCommandLimiter } from '../../../src/bot/commands/rate-limit.js';
import { commands } from '../../../src/bot/commands/registry.js';
import type { CommandServices } from '../../../src/bot/commands/services.js';
import type { Group, Subscription } from '../../../src/core/types.js';

const groups: Group[] = [{ id: 'itu-t-fg-mv', body: 'itu', names: ['FG-MV', 'metaverse focus group'] }];
const log = pino({ level: 'silent' });

function services(extra: Partial<CommandServices> = {}): CommandServices & { added: Subscription[] } {
  const added: Subscription[] = [];
  return {
    added,
    items: { latest: async () => [], search: async () => [] } as unknown as CommandServices['items'],
    subscriptions: {
      add: async (s: Subscription) => void added.push(s),
      forTarget: async () => added,
      all: async () => added,
    } as unknown as CommandServices['subscriptions'],
    meetings: { all: async () => [] },
    sources: { list: async () => [], health: async () => [] },
    groups,
    tags: [{ id: 'digital-identity', label: 'Digital identity' }, { id: 'surveillance', label: 'Surveillance' }],
    resolveGroup: (t) => groups.find((g) => g.names.some((n) => n.toLowerCase() === t.toLowerCase().replace(/\s+/g, '-')) || g.id === t),
    suggestGroups: () => groups,
    publicUrl: 'http://localhost:8080',
    ...extra,
  };
}

function ctx(s: CommandServices, can = { manageTarget: true, operator: false }, now = () => new Date('2026-11-23T10:00:00Z')): CommandContext {
  return { platform: 'matrix', target: '!room:example.org', user: { id: '@alice:example.org' }, isDirect: false, can, timeZone: 'UTC', clock: { now }, services: s };
}

describe('text commands', () => {
  it('splits words and keeps quoted values together', () => {
    expect(tokenize('search "digital identity" count:5')).toEqual(['search', 'digital identity', 'count:5']);
    expect(tokenize('watch add keywords:"social credit",police')).toEqual(['watch', 'add', 'keywords:social credit,police']);
  });

  it('fills bare values in order and name:value ones by name; a time is a value, not an option', () => {
    const bound = bindTokens(commands, tokenize('digest daily 09:00 Europe/Brussels tags:surveillance'));
    expect(bound.subcommand).toBe('daily');
    expect(bound.raw).toMatchObject({ tags: 'surveillance' });
    expect(Object.values(bound.raw)).toEqual(expect.arrayContaining(['09:00', 'Europe/Brussels']));
  });

  it('answers an unknown option with the options the command has', async () => {
    const answer = await runTokens(commands, tokenize('latest colour:blue'), ctx(services()), log);
    expect(answer.kind).toBe('error');
    expect(answer.text).toBe('latest has no option "colour" (options: topic, count).');
  });

  it('answers a missing required option with the usage line', async () => {
    const answer = await runTokens(commands, ['search'], ctx(services()), log);
    expect(answer.text).toBe('words is required. Usage: search <words> [count]');
  });

  it('refuses a watch add without the right to manage the room, and allows it personally', async () => {
    const s = services();
    const refused = await runTokens(commands, tokenize('watch add tags:surveillance'), ctx(s, { manageTarget: false, operator: false }), log);
    expect(refused.text).toMatch(/needs power level 50 or more here/);
    expect(s.added).toEqual([]);
    const personal = await runTokens(commands, tokenize('watch add tags:surveillance personal:true'), ctx(s, { manageTarget: false, operator: false }), log);
    expect(personal.kind).toBe('answer');
    expect(s.added).toHaveLength(1);
    expect(s.added[0]).toMatchObject({ target: '@alice:example.org', personal: true, filter: { tags: ['surveillance'] } });
  });

  it('refuses absurd values with a short answer, not a stack trace', async () => {
    const s = services();
    for (const tokens of [['latest', 'digital-identity', '100000'], ['next-meeting', 'fg-mv', 'tz:Mars/Olympus'], ['search', 'x'.repeat(10_000)], ['latest', '(((a+)+)+)$']]) {
      const answer = await runTokens(commands, tokens, ctx(s), log);
      expect(answer.kind).toBe('error');
      expect(answer.text!.length).toBeLessThan(300);
      expect(answer.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('maps an unexpected failure to a polite answer', async () => {
    const s = services({ items: { latest: async () => { throw new Error('redis down'); } } as unknown as CommandServices['items'] });
    const answer = await runTokens(commands, ['latest'], ctx(s), log);
    expect(answer).toMatchObject({ kind: 'error', text: 'Something went wrong while answering that; it has been logged. Please try again in a moment.' });
  });

  it('rate-limits one user who floods commands, politely and once, and lets others through', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const s = services({ limiter: createCommandLimiter({ burst: 5, perSecond: 1 }) });
    const c = ctx(s, undefined, () => new Date(now));
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await runTokens(commands, ['tags'], c, log));
    expect(answers.filter((a) => a.kind === 'answer')).toHaveLength(5);
    const refused = answers.filter((a) => a.kind === 'error');
    expect(refused[0]!.text).toMatch(/^You are sending commands faster than I can answer them well\. Please wait \d+ seconds? and try again\.$/);
    expect(refused.filter((a) => !a.silent)).toHaveLength(1);
    const other = await runTokens(commands, ['tags'], { ...c, user: { id: '@bob:example.org' } }, log);
    expect(other.kind).toBe('answer');
    now += 3000;
    expect((await runTokens(commands, ['tags'], c, log)).kind).toBe('answer');
  });
});

describe('tokenize edge cases', () => {
  it('keeps apostrophes inside words and treats an unclosed quote as a letter', () => {
    expect(tokenize("search China's plan")).toEqual(['search', "China's", 'plan']);
    expect(tokenize('search "unclosed words')).toEqual(['search', '"unclosed', 'words']);
    expect(tokenize('search “curly quotes” ok')).toEqual(['search', 'curly quotes', 'ok']);
    expect(tokenize('  a   b ')).toEqual(['a', 'b']);
    expect(tokenize('tags:""')).toEqual(['tags:']);
  });
});

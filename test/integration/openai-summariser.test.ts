import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createOpenAiSummariser, OpenAiSummariserError, summariseWithFallback } from '../../src/enrich/openai-summariser.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-server.js';

let fake: FakeOpenAi;
const input = { title: 'China Mobile proposal at FG-MV', text: 'China Mobile proposed a digital identity system to the ITU focus group.' };
const extractive = (): string => 'Extractive summary.';

function recordingLogger(): { log: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('OpenAI-compatible summariser against a local fake', () => {
  it('sends a chat completion with the model, key and article, and returns the answer', async () => {
    fake.setMode({ kind: 'answer', content: '  **China Mobile** asked the ITU for a digital ID system.  ' });
    const summarise = createOpenAiSummariser({ baseUrl: fake.baseUrl, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: 2000 });
    await expect(summarise(input)).resolves.toBe('China Mobile asked the ITU for a digital ID system.');
    const req = fake.requests[0];
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.headers.authorization).toBe('Bearer sk-test');
    const body = req?.body as { model: string; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe('gpt-test');
    expect(body.messages.at(-1)?.content).toContain('China Mobile proposed a digital identity system');
  });

  it('cuts an over-long answer at a word boundary within 400 characters', async () => {
    fake.setMode({ kind: 'answer', content: 'word '.repeat(200) });
    const summarise = createOpenAiSummariser({ baseUrl: fake.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 2000 });
    const s = await summarise(input);
    expect(s.length).toBeLessThanOrEqual(400);
    expect(s).toMatch(/^(word )+word…$/);
  });

  it.each([
    [{ kind: 'status', status: 500 } as const, 'http'],
    [{ kind: 'garbage' } as const, 'invalid'],
    [{ kind: 'no-choices' } as const, 'invalid'],
    [{ kind: 'answer', content: '   ' } as const, 'empty'],
    [{ kind: 'hang' } as const, 'timeout'],
  ])('rejects with a typed error when the server answers %o', async (mode, reason) => {
    fake.setMode(mode);
    const summarise = createOpenAiSummariser({ baseUrl: fake.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 300 });
    const err = await summarise(input).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAiSummariserError);
    expect((err as OpenAiSummariserError).reason).toBe(reason);
  });

  it('rejects with a network error when nothing listens', async () => {
    const summarise = createOpenAiSummariser({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', model: 'm', timeoutMs: 1000 });
    await expect(summarise(input)).rejects.toMatchObject({ reason: 'network' });
  });
});

describe('summariseWithFallback', () => {
  it('uses the primary answer when there is one', async () => {
    fake.setMode({ kind: 'answer', content: 'Primary summary.' });
    const primary = createOpenAiSummariser({ baseUrl: fake.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 2000 });
    await expect(summariseWithFallback(primary, extractive)(input)).resolves.toBe('Primary summary.');
  });

  it.each([
    [{ kind: 'status', status: 500 } as const, 'http'],
    [{ kind: 'hang' } as const, 'timeout'],
    [{ kind: 'garbage' } as const, 'invalid'],
    [{ kind: 'answer', content: '' } as const, 'empty'],
  ])('falls back to the extractive summary and logs why (%o)', async (mode, reason) => {
    fake.setMode(mode);
    const { log, lines } = recordingLogger();
    const primary = createOpenAiSummariser({ baseUrl: fake.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 300 });
    await expect(summariseWithFallback(primary, extractive, log)(input)).resolves.toBe('Extractive summary.');
    const warn = lines.find((l) => l.level === 40);
    expect(warn?.reason).toBe(reason);
    expect(String(warn?.msg)).toContain('extractive');
  });
});

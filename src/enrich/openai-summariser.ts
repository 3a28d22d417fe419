// Optional abstractive summaries from any OpenAI-compatible chat-completions endpoint, and the
// wrapper that falls back to the extractive summary on any failure (HTTP error, timeout, a
// malformed or empty answer), logging why. The extractive summariser stays the default.
import type { Logger } from 'pino';
import { SUMMARY_MAX_CHARS, truncateAtWord } from '../core/enrich/index.js';

export interface SummaryInput {
  title: string;
  text: string;
}

export type Summariser = (input: SummaryInput) => Promise<string>;

export interface OpenAiSummariserOptions {
  /** e.g. https://api.openai.com/v1 — `/chat/completions` is appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
  log?: Logger;
  maxChars?: number;
}

export type OpenAiFailure = 'http' | 'timeout' | 'network' | 'invalid' | 'empty';

export class OpenAiSummariserError extends Error {
  constructor(
    message: string,
    readonly reason: OpenAiFailure,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OpenAiSummariserError';
  }
}

/** Articles are cut to this many characters before they are sent. */
const MAX_INPUT_CHARS = 12_000;

const SYSTEM_PROMPT =
  'You summarise news for a community that watches standards bodies (ITU, IETF, W3C, 3GPP) and digital rights. ' +
  'Write 2 or 3 plain sentences, at most 400 characters in total, saying what happened and naming the bodies, ' +
  'groups, organisations and proposals involved. No markdown, no preamble, no opinions.';

function cleanAnswer(s: string, maxChars: number): string {
  const plain = s
    .replace(/^\s*(?:summary|tl;?dr)\s*:\s*/i, '')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“](.*)["”]$/, '$1');
  return truncateAtWord(plain, maxChars);
}

function answerText(body: unknown): string {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) throw new OpenAiSummariserError('answer has no choices', 'invalid');
  const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
  if (typeof content !== 'string') throw new OpenAiSummariserError('answer has no message content', 'invalid');
  return content;
}

export function createOpenAiSummariser(opts: OpenAiSummariserOptions): Summariser {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const maxChars = opts.maxChars ?? SUMMARY_MAX_CHARS;
  return async ({ title, text }) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
    const started = Date.now();
    try {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey}` },
          body: JSON.stringify({
            model: opts.model,
            temperature: 0.2,
            max_tokens: 220,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: `Title: ${title}\n\n${text.slice(0, MAX_INPUT_CHARS)}` },
            ],
          }),
        });
      } catch (err) {
        if (controller.signal.aborted) throw new OpenAiSummariserError(`no answer within ${opts.timeoutMs} ms`, 'timeout');
        throw new OpenAiSummariserError(`request failed: ${(err as Error).message}`, 'network');
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new OpenAiSummariserError(`HTTP ${res.status} from ${url}`, 'http', res.status);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch (err) {
        if (controller.signal.aborted) throw new OpenAiSummariserError(`no answer within ${opts.timeoutMs} ms`, 'timeout');
        throw new OpenAiSummariserError(`answer is not JSON: ${(err as Error).message}`, 'invalid');
      }
      const summary = cleanAnswer(answerText(body), maxChars);
      if (!summary) throw new OpenAiSummariserError('empty answer', 'empty');
      opts.log?.debug({ ms: Date.now() - started, model: opts.model }, 'openai summary');
      return summary;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Tries `primary` and answers with `extractive(input)` when it fails or answers nothing,
 * logging the reason at warn level.
 */
export function summariseWithFallback(
  primary: Summariser,
  extractive: (input: SummaryInput) => string,
  log?: Logger,
): Summariser {
  return async (input) => {
    try {
      const s = (await primary(input)).trim();
      if (s) return s;
      log?.warn({ reason: 'empty' }, 'summariser answered nothing; using the extractive summary');
    } catch (err) {
      const reason = err instanceof OpenAiSummariserError ? err.reason : 'error';
      log?.warn({ err, reason }, 'summariser failed; using the extractive summary');
    }
    return extractive(input);
  };
}

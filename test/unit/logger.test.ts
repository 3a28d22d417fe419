// Logs never carry tokens: redacted keys, and secrets scrubbed from free text (URLs, error messages).
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/logger.js';
import { Capture } from '../helpers/streams.js';

describe('logger', () => {
  it('redacts token-like keys and scrubs configured secrets and bearer tokens from messages', () => {
    const out = new Capture();
    const secret = 'mfa.VERY-secret-discord-token-123';
    const log = createLogger({ level: 'info', secrets: [secret], destination: out });
    log.info({ token: secret, config: { matrix: { accessToken: 'syt_abcdefghijklmnop' } }, headers: { authorization: 'Bot abc' } }, `calling https://example.org/?access_token=syt_abcdefghijklmnop with ${secret}`);
    log.warn({ err: `request failed: Authorization: Bearer ${'x'.repeat(20)}` }, 'failed');
    const text = out.text;
    expect(text).not.toContain(secret);
    expect(text).not.toContain('syt_abcdefghijklmnop');
    expect(text).not.toContain('x'.repeat(20));
    expect(text).not.toContain('Bot abc');
    expect(text).toContain('[redacted]');
    expect(JSON.parse(out.lines()[0]!).msg).toBe('calling https://example.org/?access_token=[redacted] with [redacted]');
  });

  it('leaves short strings alone (a secret shorter than 6 characters is not scrubbed everywhere)', () => {
    expect(scrubSecrets('id abc in text', ['abc'])).toBe('id abc in text');
  });
});

import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordErrors, errorResponse, invalidFormBody, type ErrorResponse } from './errors.js';

type Problem = { path: string; code: string; message: string };

const tooLong = (path: string, max: number): Problem => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});

function embedLength(e: APIEmbed): number {
  let n = (e.title ?? '').length + (e.description ?? '').length;
  n += (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function checkEmbed(e: APIEmbed, i: number, out: Problem[]): void {
  const at = `embeds.${i}`;
  if ((e.title ?? '').length > 256) out.push(tooLong(`${at}.title`, 256));
  if ((e.description ?? '').length > 4096) out.push(tooLong(`${at}.description`, 4096));
  if ((e.footer?.text ?? '').length > 2048) out.push(tooLong(`${at}.footer.text`, 2048));
  if ((e.author?.name ?? '').length > 256) out.push(tooLong(`${at}.author.name`, 256));
  if ((e.fields ?? []).length > 25) out.push(tooLong(`${at}.fields`, 25));
  (e.fields ?? []).forEach((f, j) => {
    if (f.name.length > 256) out.push(tooLong(`${at}.fields.${j}.name`, 256));
    if (f.value.length > 1024) out.push(tooLong(`${at}.fields.${j}.value`, 1024));
  });
}

/**
 * Checks a message create/edit body against Discord's limits; returns the error Discord would answer,
 * or undefined when the body is acceptable. `requireContent` is false for edits.
 */
export function validateMessageBody(body: Record<string, unknown>, requireContent: boolean): ErrorResponse | undefined {
  const problems: Problem[] = [];
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    problems.push({ path: 'content', code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
  }
  if (typeof content === 'string' && content.length > 2000) problems.push(tooLong('content', 2000));
  const embeds = Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : [];
  if (embeds.length > 10) problems.push(tooLong('embeds', 10));
  embeds.forEach((e, i) => checkEmbed(e, i, problems));
  const total = embeds.reduce((n, e) => n + embedLength(e), 0);
  if (total > 6000) {
    problems.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  }
  const nonce = body['nonce'];
  if (typeof nonce === 'string' && nonce.length > 25) problems.push(tooLong('nonce', 25));
  if (problems.length > 0) return invalidFormBody(problems);
  if (requireContent) {
    const hasContent = typeof content === 'string' && content.length > 0;
    const hasOther =
      embeds.length > 0 ||
      (Array.isArray(body['components']) && body['components'].length > 0) ||
      (Array.isArray(body['attachments']) && body['attachments'].length > 0) ||
      body['poll'] !== undefined ||
      (Array.isArray(body['sticker_ids']) && body['sticker_ids'].length > 0);
    if (!hasContent && !hasOther) return errorResponse(DiscordErrors.emptyMessage);
  }
  return undefined;
}

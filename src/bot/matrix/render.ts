// Message → Matrix `m.room.message` content: a plain `body` and a sanitised
// `formatted_body`, both with mentions defused, and always `m.mentions: {}`
// (intentional mentions: this message mentions no one). Pure.
import { messageToPlainText, type Message, type MessageLine } from '../../core/message.js';
import { defuseMentions, isPillLink } from './defuse.js';
import { sanitizeMatrixHtml } from './sanitize.js';

export const HTML_FORMAT = 'org.matrix.custom.html';

export type MatrixMessageContent = {
  msgtype: 'm.notice';
  body: string;
  format: typeof HTML_FORMAT;
  formatted_body: string;
  'm.mentions': Record<string, never>;
};

/** An event content: the message plus relations (reply, edit). */
export type MatrixEventContent = MatrixMessageContent & Record<string, unknown>;

/** Events are capped at 64 KiB by homeservers; leave room for the edit's copy and relations. */
const MAX_BODY_CHARS = 12_000;
const MAX_HTML_CHARS = 16_000;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain feed/user text → safe HTML: mentions defused, escaped, newlines kept. */
function html(text: string): string {
  return escapeHtml(defuseMentions(text)).replace(/\r?\n/g, '<br>');
}

/** A link target we are willing to render: http(s) or mailto, never a user pill. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return undefined;
    if (isPillLink(url)) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

function link(text: string, url: string | undefined): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${html(text)}</a>` : html(text);
}

function lineHtml(line: MessageLine): string {
  const detail = line.detail ? ` — <i>${html(line.detail)}</i>` : '';
  return `<li>${link(line.text, line.url)}${detail}</li>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function messageToHtml(message: Message): string {
  const out: string[] = [];
  if (message.title) out.push(`<p><b>${link(message.title, message.url)}</b></p>`);
  else if (safeHref(message.url)) out.push(`<p>${link(message.url ?? '', message.url)}</p>`);
  if (message.text) out.push(`<p>${html(message.text)}</p>`);
  const fields = message.fields ?? [];
  if (fields.length) out.push(`<p>${fields.map((f) => `<b>${html(f.name)}:</b> ${html(f.value)}`).join('<br>')}</p>`);
  for (const section of message.sections ?? []) {
    out.push(`<p><b>${html(section.heading)}</b></p>`);
    if (section.lines.length) out.push(`<ul>${section.lines.map(lineHtml).join('')}</ul>`);
  }
  if (message.tags?.length) out.push(`<p><i>Tags: ${html(message.tags.join(', '))}</i></p>`);
  if (message.footer) out.push(`<p><sub>${html(message.footer)}</sub></p>`);
  return out.join('');
}

/** The message without links we would not render (javascript:, pills…), for the plain body. */
function withSafeLinks(message: Message): Message {
  return {
    ...message,
    url: safeHref(message.url),
    sections: message.sections?.map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, url: safeHref(l.url) })) })),
  };
}

export function messageToMatrixContent(message: Message): MatrixMessageContent {
  const body = truncate(defuseMentions(messageToPlainText(withSafeLinks(message))), MAX_BODY_CHARS);
  let formatted = sanitizeMatrixHtml(messageToHtml(message));
  // Cutting HTML could leave a broken tag: past the cap, fall back to the escaped plain text.
  if (formatted.length > MAX_HTML_CHARS) formatted = escapeHtml(body).replace(/\n/g, '<br>');
  return { msgtype: 'm.notice', body, format: HTML_FORMAT, formatted_body: formatted, 'm.mentions': {} };
}

/** The answer to a command event, shown as a reply to it. */
export function replyContent(message: Message, inReplyTo: string): MatrixEventContent {
  return { ...messageToMatrixContent(message), 'm.relates_to': { 'm.in_reply_to': { event_id: inReplyTo } } };
}

/** An edit (`m.replace`) of an earlier event: the fallback is prefixed `* `, the new content is whole. */
export function editContent(message: Message, originalEventId: string): MatrixEventContent {
  const content = messageToMatrixContent(message);
  return {
    msgtype: content.msgtype,
    body: `* ${content.body}`,
    format: content.format,
    formatted_body: `* ${content.formatted_body}`,
    'm.mentions': {},
    'm.new_content': content,
    'm.relates_to': { rel_type: 'm.replace', event_id: originalEventId },
  };
}

// Message → Discord message body, one pure function. Rich messages (a title,
// fields, sections, tags, a link or a time) become one embed; a message that is
// only text becomes plain content. Every string from a feed is escaped, only
// http(s) links are linked, mentions never ping (allowed_mentions.parse = []),
// and every one of Discord's size limits holds, whatever the input.
import { MessageFlags, type APIEmbed, type APIEmbedField, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { type Accent, type Message, type MessageLine, type MessageSection } from '../../core/message.js';
import { escapeDiscord, escapeFit, safeHttpUrl, truncate } from './escape.js';

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
} as const;

export const ACCENT_COLOURS: Record<Accent, number | undefined> = {
  none: undefined,
  info: 0x5865f2,
  low: 0x95a5a6,
  medium: 0xf1c40f,
  high: 0xe67e22,
  error: 0xed4245,
};

/** Text shown where Discord would refuse an empty string. */
const EMPTY = '—';

function stripControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
}

/** True when the message has nothing an embed would add: it goes as plain content. */
function isPlain(message: Message): boolean {
  return !message.title && !message.url && !message.timestamp && !message.fields?.length && !message.sections?.length && !message.tags?.length;
}

function renderLine(line: MessageLine): string {
  const url = safeHttpUrl(line.url);
  const text = escapeDiscord(stripControls(line.text)) || EMPTY;
  const shown = url ? `[${text}](${url})` : text;
  return `• ${shown}${line.detail ? ` — ${escapeDiscord(stripControls(line.detail))}` : ''}`;
}

/** Description: the text, then each section as a bold heading and bullet lines; lines that do not fit are counted. */
export function renderDescription(text: string | undefined, sections: MessageSection[], max: number = DISCORD_LIMITS.description): string {
  const parts: string[] = [];
  if (text) parts.push(truncate(escapeDiscord(stripControls(text)), Math.min(max, sections.length ? Math.floor(max / 2) : max)));
  let used = parts.join('\n').length;
  let omitted = 0;
  for (const section of sections) {
    const heading = `\n**${escapeFit(stripControls(section.heading), 200)}**`;
    if (used + heading.length + 1 > max - 40) {
      omitted += section.lines.length;
      continue;
    }
    parts.push(heading);
    used += heading.length + 1;
    for (const line of section.lines) {
      const rendered = truncate(renderLine(line), 600);
      if (omitted > 0 || used + rendered.length + 1 > max - 40) {
        omitted += 1;
        continue;
      }
      parts.push(rendered);
      used += rendered.length + 1;
    }
  }
  if (omitted > 0) parts.push(`…and ${omitted} more`);
  return truncate(parts.join('\n').trim(), max);
}

function renderFields(message: Message): APIEmbedField[] {
  const fields: APIEmbedField[] = (message.fields ?? []).map((f) => ({
    name: escapeFit(stripControls(f.name), DISCORD_LIMITS.fieldName) || EMPTY,
    value: escapeFit(stripControls(f.value), DISCORD_LIMITS.fieldValue) || EMPTY,
    ...(f.inline ? { inline: true } : {}),
  }));
  const room = message.tags?.length ? DISCORD_LIMITS.fields - 1 : DISCORD_LIMITS.fields;
  const kept = fields.slice(0, room);
  if (message.tags?.length) {
    kept.push({ name: 'Tags', value: escapeFit(message.tags.map(stripControls).join(' · '), DISCORD_LIMITS.fieldValue) || EMPTY });
  }
  return kept;
}

function validTimestamp(ts: string | undefined): string | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Characters Discord counts towards the 6000 limit of one message's embeds. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Keeps an embed within the 6000-character total: shortens the description, then drops trailing fields. */
function fitTotal(embed: APIEmbed): APIEmbed {
  const over = embedLength(embed) - DISCORD_LIMITS.embedTotal;
  if (over <= 0) return embed;
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  if (out.description) {
    const keep = Math.max(0, out.description.length - over);
    out.description = keep > 0 ? truncate(out.description, keep) : undefined;
  }
  while (embedLength(out) > DISCORD_LIMITS.embedTotal && out.fields?.length) out.fields.pop();
  return out;
}

export function messageToEmbed(message: Message): APIEmbed {
  const embed: APIEmbed = {};
  if (message.title) {
    embed.title = escapeFit(stripControls(message.title), DISCORD_LIMITS.title) || EMPTY;
    const url = safeHttpUrl(message.url);
    if (url) embed.url = url;
  }
  let sections = message.sections ?? [];
  // A link with no title to hang on goes in the description.
  if (!message.title && message.url && safeHttpUrl(message.url)) sections = [{ heading: 'Link', lines: [{ text: message.url, url: message.url }] }, ...sections];
  const description = renderDescription(message.text, sections);
  if (description) embed.description = description;
  const fields = renderFields(message);
  if (fields.length) embed.fields = fields;
  if (message.footer) embed.footer = { text: truncate(stripControls(message.footer).replace(/@/g, '@\u200b'), DISCORD_LIMITS.footer) };
  const timestamp = validTimestamp(message.timestamp);
  if (timestamp) embed.timestamp = timestamp;
  const colour = ACCENT_COLOURS[message.accent ?? (message.kind === 'error' ? 'error' : 'none')];
  if (colour !== undefined) embed.color = colour;
  if (!embed.title && !embed.description && !embed.fields) embed.description = EMPTY;
  return fitTotal(embed);
}

/** The message as escaped plain content (≤ 2000 characters): the form used when an embed cannot be shown. */
export function messageToDiscordText(message: Message): string {
  const esc = (t: string) => escapeDiscord(stripControls(t));
  const link = (u: string | undefined) => {
    const safe = safeHttpUrl(u);
    return safe ? `<${safe}>` : undefined;
  };
  const out: string[] = [];
  if (message.title) out.push(`**${esc(message.title)}**`);
  const url = link(message.url);
  if (url) out.push(url);
  if (message.text) out.push(esc(message.text));
  for (const f of message.fields ?? []) out.push(`**${esc(f.name)}:** ${esc(f.value)}`);
  for (const section of message.sections ?? []) {
    out.push(`**${esc(section.heading)}**`);
    for (const line of section.lines) {
      const lineUrl = link(line.url);
      out.push(`• ${esc(line.text)}${line.detail ? ` — ${esc(line.detail)}` : ''}${lineUrl ? ` ${lineUrl}` : ''}`);
    }
  }
  if (message.tags?.length) out.push(`Tags: ${esc(message.tags.join(', '))}`);
  if (message.footer) out.push(`-# ${esc(message.footer)}`);
  return truncate(out.join('\n'), DISCORD_LIMITS.content) || EMPTY;
}

/**
 * The body of a channel message (or interaction reply) for a Message. Mentions
 * never ping; link previews of plain text are suppressed (our embeds are not).
 */
export function messageToDiscordPayload(message: Message): RESTPostAPIChannelMessageJSONBody {
  const allowed_mentions = { parse: [] };
  if (isPlain(message)) {
    return { content: messageToDiscordText(message), allowed_mentions, flags: MessageFlags.SuppressEmbeds };
  }
  return { embeds: [messageToEmbed(message)], allowed_mentions };
}

/** The same message as plain content only (fallback when the embed is refused, e.g. no Embed Links right). */
export function messageToDiscordTextPayload(message: Message): RESTPostAPIChannelMessageJSONBody {
  return { content: messageToDiscordText(message), allowed_mentions: { parse: [] }, flags: MessageFlags.SuppressEmbeds };
}

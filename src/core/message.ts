// The one platform-neutral message model. Every answer, alert and digest is a
// Message; each platform renders it with one pure function (Discord embed,
// Matrix body + formatted_body, terminal text). All strings here are PLAIN
// text — renderers escape them for their platform; nothing here is Markdown.

export type Accent = 'none' | 'info' | 'low' | 'medium' | 'high' | 'error';

export interface MessageLine {
  text: string;
  url?: string;
  /** A second, quieter part of the line (source, date, tags). */
  detail?: string;
}

export interface MessageSection {
  heading: string;
  lines: MessageLine[];
}

export interface MessageField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Message {
  kind: 'alert' | 'answer' | 'error' | 'digest' | 'notice';
  title?: string;
  url?: string;
  text?: string;
  fields?: MessageField[];
  sections?: MessageSection[];
  tags?: string[];
  footer?: string;
  /** ISO 8601 time the message is about (published time of an alert). */
  timestamp?: string;
  accent?: Accent;
  /** Only the asker should see it (Discord ephemeral); ignored elsewhere. */
  private?: boolean;
  /** An answer adapters may leave unsent where they can (a repeated rate-limit refusal in a Matrix room). */
  silent?: boolean;
}

export const reply = {
  text(text: string, extra: Partial<Message> = {}): Message {
    return { kind: 'answer', text, ...extra };
  },
  none(text: string): Message {
    return { kind: 'answer', text, accent: 'none' };
  },
  error(text: string): Message {
    return { kind: 'error', text, accent: 'error', private: true };
  },
};

/** Maps a 0–1 relevance score onto an accent. */
export function accentForScore(score: number): Accent {
  if (score >= 0.7) return 'high';
  if (score >= 0.4) return 'medium';
  return 'low';
}

/** The message as plain text: the fallback every renderer can use. */
export function messageToPlainText(message: Message): string {
  const out: string[] = [];
  if (message.title) out.push(message.url ? `${message.title}\n${message.url}` : message.title);
  if (message.text) out.push(message.text);
  for (const field of message.fields ?? []) out.push(`${field.name}: ${field.value}`);
  for (const section of message.sections ?? []) {
    out.push(section.heading);
    for (const line of section.lines) {
      const detail = line.detail ? ` — ${line.detail}` : '';
      const url = line.url ? ` <${line.url}>` : '';
      out.push(`  • ${line.text}${detail}${url}`);
    }
  }
  if (message.tags?.length) out.push(`Tags: ${message.tags.join(', ')}`);
  if (message.footer) out.push(message.footer);
  return out.join('\n');
}

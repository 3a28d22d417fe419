// Message → readable terminal text (no colour codes when the stream is not a TTY).
import type { Message } from '../../core/message.js';

export function renderTerminal(message: Message, opts: { color?: boolean; width?: number } = {}): string {
  const c = opts.color ?? false;
  const bold = (s: string) => (c ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (c ? `\x1b[2m${s}\x1b[22m` : s);
  // C0 and C1 controls from feed text: U+009B is an 8-bit CSI that some terminals obey like ESC [.
  const strip = (s: string) => s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
  const out: string[] = [];
  const marker = message.kind === 'alert' ? '▶ ' : message.kind === 'error' ? '✗ ' : '';
  if (message.title) out.push(bold(`${marker}${strip(message.title)}`));
  else if (marker && message.text) out.push(`${marker}${strip(message.text)}`);
  if (message.url) out.push(`  ${strip(message.url)}`);
  if (message.text && (message.title || !marker)) out.push(...strip(message.text).split('\n').map((l) => (message.title ? `  ${l}` : l)));
  for (const field of message.fields ?? []) out.push(`  ${dim(`${strip(field.name)}:`)} ${strip(field.value)}`);
  for (const section of message.sections ?? []) {
    if (message.kind === 'digest' || (message.sections?.length ?? 0) > 1 || section.heading !== message.title) out.push(bold(`  ${strip(section.heading)}`));
    for (const line of section.lines) {
      out.push(`   • ${strip(line.text)}${line.detail ? dim(` — ${strip(line.detail)}`) : ''}`);
      if (line.url) out.push(`     ${dim(strip(line.url))}`);
    }
  }
  if (message.tags?.length) out.push(`  ${dim('tags:')} ${message.tags.map(strip).join(', ')}`);
  if (message.footer && message.kind !== 'alert') out.push(dim(strip(message.footer)));
  return out.join('\n');
}

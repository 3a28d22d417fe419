// Feed text is hostile until escaped: Discord Markdown would turn `*` into
// emphasis, `[text](url)` into a masked link, `<@&id>` into a role mention and
// `@everyone` into a ping (allowed_mentions stops the ping, this stops the
// rendering too). Everything shown in content or an embed goes through here.

const ZWSP = '\u200b';

/** Characters Discord Markdown gives meaning to anywhere in a line. */
const INLINE = /[\\*_~|`[\]>]/g;

/**
 * Plain text → Discord Markdown that displays exactly that text: Markdown
 * characters backslash-escaped, mentions (`@everyone`, `@here`, `<@id>`,
 * `<@&id>`, `<#id>`) defused with a zero-width space, and line-start syntax
 * (headings, lists, `-#` subtext, block quotes) neutralised.
 */
export function escapeDiscord(text: string): string {
  return text
    .split(BARE_URL)
    .map((part, i) => (i % 2 === 1 ? part : escapeSegment(part)))
    .join('')
    .replace(/^([ \t]*)(#{1,3}|-#|-|\+|\d+\.)(?=\s)/gm, (_m, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`,
    );
}

/**
 * Bare http(s) links stay as they are, so Discord still makes them clickable
 * (a backslash inside would break them); they end before anything that could
 * start Markdown or a mention.
 */
const BARE_URL = /(https?:\/\/[^\s<>[\]()`|"\\]+)/;

function escapeSegment(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/<(?=[#:/]|a:|t:|id:)/g, `<${ZWSP}`);
}

/** The URL when it is an absolute http(s) URL, made safe to sit inside `[text](url)`; otherwise undefined. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username || parsed.password) return undefined;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return href.length <= 2048 ? href : undefined;
}

/** Shortens text to at most `max` characters, ending with an ellipsis when cut (never inside an escape). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = text.slice(0, max - 1);
  // Do not leave a dangling backslash or split a surrogate pair.
  const trailingBackslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) cut = cut.slice(0, -1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Escapes, then shortens to fit a Discord limit. */
export function escapeFit(text: string, max: number): string {
  return truncate(escapeDiscord(text), max);
}

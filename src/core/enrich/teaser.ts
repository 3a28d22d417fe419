// Is the feed's text only a teaser (so the caller should fetch the article)? Short texts are;
// so are texts that stop with an ellipsis or a "Read more"/"Continue reading" link, or WordPress'
// "The post … appeared first on …" footer, unless they are already long.
import { isBoilerplate } from './boilerplate.js';

export const TEASER_MAX_WORDS = 60;
const CUT_OFF_MAX_WORDS = 150;

const CUT_OFF = /(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\b(?:read more|continue reading|read the full (?:story|article)|full story|more…?)\W*)$/i;
const WP_FOOTER = /\bappeared first on\b/i;

function words(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function isTeaser(text: string): boolean {
  const trimmed = text.trim();
  const lines = trimmed.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const body = lines.filter((l) => !isBoilerplate(l));
  const n = words(body.join(' '));
  if (n < TEASER_MAX_WORDS) return true;
  const lastLine = lines[lines.length - 1] ?? '';
  if (n < CUT_OFF_MAX_WORDS && (CUT_OFF.test(trimmed) || CUT_OFF.test(lastLine) || WP_FOOTER.test(trimmed))) return true;
  return false;
}

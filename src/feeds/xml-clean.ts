// Make real-world XML acceptable to a strict parser without giving hostile XML any power:
// the DOCTYPE (and with it every entity declaration — billion laughs, external entities) is
// dropped; HTML named entities become numeric references; stray `&` become `&amp;`; characters
// XML forbids are removed. CDATA sections and comments are left alone.
import * as cheerio from 'cheerio';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const entityCache = new Map<string, string | null>();

/** `eacute` → `&#233;`; null when HTML has no such entity. */
function htmlEntityAsNumeric(name: string): string | null {
  const cached = entityCache.get(name);
  if (cached !== undefined) return cached;
  const decoded = cheerio.load(`&${name};`, null, false).root().text();
  const chars = [...decoded];
  // Unknown names come back unchanged; legacy prefixes ("&notit;" → "¬it;") are not a match either.
  const result =
    chars.length === 0 || chars.length > 2 || /[A-Za-z0-9;&]/.test(decoded)
      ? null
      : [...decoded].map((ch) => `&#${ch.codePointAt(0) ?? 0xfffd};`).join('');
  if (entityCache.size < 2_000) entityCache.set(name, result);
  return result;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function fixReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,7});|([A-Za-z][A-Za-z0-9]{0,31});)?/g, (match, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex as string, 16);
      return isXmlChar(cp) ? match : '&#xFFFD;';
    }
    if (name !== undefined) {
      if (XML_ENTITIES.has(name)) return match;
      return htmlEntityAsNumeric(name) ?? `&amp;${name};`;
    }
    return '&amp;';
  });
}

export function removeDoctype(xml: string): string {
  // <!DOCTYPE name [ internal subset ]> — the subset may itself contain '>' characters.
  return xml.replace(/<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/gi, '');
}

export function cleanXml(xml: string): string {
  let s = xml.replace(/^[\s\uFEFF]+/, '');
  // Junk before the first tag (PHP warnings, blank lines) makes a strict parser give up.
  const firstTag = s.indexOf('<');
  if (firstTag > 0) s = s.slice(firstTag);
  s = removeDoctype(s);
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  const parts = s.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : fixReferences(part))).join('');
}

// Escaping for what the HTTP routes write: HTML text and attributes, XML text,
// and links that may only be http(s). Feed text is hostile until escaped here.

// XML 1.0 allows tab, newline, carriage return and U+0020 upwards (minus surrogates
// and U+FFFE/U+FFFF); anything else makes a feed unparseable, so it is dropped.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML or HTML text node or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** HTML escaping is the same function: one escaper, no way to pick the wrong one. */
export const escapeHtml = escapeXml;

/** The URL when it is an absolute http(s) URL, else undefined (no javascript:, data:, relative…). */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

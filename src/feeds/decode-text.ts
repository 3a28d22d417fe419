// Bytes → text: BOM, then the Content-Type charset, then the document's own declaration
// (XML prolog or HTML <meta>), then UTF-8 if the bytes are valid UTF-8, else windows-1252.
import iconv from 'iconv-lite';
import { ParseError } from './parse-error.js';

export interface DecodedText {
  text: string;
  encoding: string;
  warnings: string[];
}

/** Labels that browsers (WHATWG Encoding) read as windows-1252. */
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp1252']);

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** Encoding declared inside the document: XML prolog, or an HTML meta tag. */
export function declaredEncoding(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase();
}

function bomEncoding(body: Buffer): { encoding: string; skip: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  // "<?" in UTF-16 without a BOM
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return { encoding: 'utf-16be', skip: 0 };
  return undefined;
}

function isUtf8(label: string): boolean {
  return label === 'utf-8' || label === 'utf8';
}

function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

function canonical(label: string): string {
  const l = label.toLowerCase();
  return WINDOWS_1252_ALIASES.has(l) ? 'windows-1252' : l;
}

function decodeWith(body: Buffer, label: string): string {
  const enc = canonical(label);
  if (!iconv.encodingExists(enc)) throw new ParseError('encoding', `unknown text encoding "${label}"`);
  return iconv.decode(body, enc).replace(/^\uFEFF/, '');
}

export function decodeText(body: Buffer, contentType?: string): DecodedText {
  const warnings: string[] = [];
  const bom = bomEncoding(body);
  if (bom) {
    return { text: decodeWith(body.subarray(bom.skip), bom.encoding), encoding: bom.encoding, warnings };
  }
  const fromHeader = charsetFromContentType(contentType);
  const fromDoc = declaredEncoding(body.subarray(0, 2048).toString('latin1'));
  const declared = fromHeader ?? fromDoc;

  if (declared && !isUtf8(declared)) {
    if (fromHeader && fromDoc && canonical(fromHeader) !== canonical(fromDoc)) {
      warnings.push(`Content-Type says ${fromHeader} but the document says ${fromDoc}; using ${fromHeader}`);
    }
    return { text: decodeWith(body, declared), encoding: canonical(declared), warnings };
  }
  if (isValidUtf8(body)) return { text: decodeWith(body, 'utf-8'), encoding: 'utf-8', warnings };

  // Declared UTF-8 (or nothing) but the bytes are not UTF-8.
  if (fromHeader && fromDoc && !isUtf8(fromDoc)) {
    warnings.push(`Content-Type says ${fromHeader} but the bytes are ${fromDoc} as the document declares`);
    return { text: decodeWith(body, fromDoc), encoding: canonical(fromDoc), warnings };
  }
  const asUtf8 = decodeWith(body, 'utf-8');
  const bad = (asUtf8.match(/\uFFFD/g) ?? []).length;
  const good = (asUtf8.match(/[^\u0000-\u007F\uFFFD]/g) ?? []).length;
  if (good > bad * 4) {
    warnings.push(`${bad} byte sequence(s) are not valid UTF-8 and were replaced`);
    return { text: asUtf8, encoding: 'utf-8', warnings };
  }
  warnings.push(declared ? `declared ${declared} but the bytes are not UTF-8; read as windows-1252` : 'no encoding declared and not UTF-8; read as windows-1252');
  return { text: decodeWith(body, 'windows-1252'), encoding: 'windows-1252', warnings };
}

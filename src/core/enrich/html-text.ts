// Feed HTML → readable plain text. Block elements become paragraph breaks (so sentences never
// run across them), <br> a line break, entities are decoded, and what is never prose — scripts,
// styles, navigation, forms, embedded media — is dropped with its content. One linear scan over
// the tags: no regex backtracking on hostile markup.

const DROP = new Set(
  'head script style noscript template svg math nav iframe object canvas button select textarea form aside footer figcaption'.split(' '),
);
/** Elements whose content is raw text: skip straight to the closing tag. */
const RAW = new Set(['script', 'style', 'textarea', 'template']);
const BLOCK = new Set(
  'p div section article header main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr blockquote pre figure hr address details summary caption'.split(' '),
);
const TAG = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>|<[!?][^>]*>/g;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  shy: '', zwj: '', zwnj: '', lrm: '', rlm: '',
  ndash: '–', mdash: '—', minus: '−', hellip: '…', bull: '•', middot: '·', laquo: '«', raquo: '»',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', para: '¶', sect: '§',
  euro: '€', pound: '£', yen: '¥', cent: '¢', dagger: '†', Dagger: '‡', permil: '‰', frac12: '½',
  frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', ugrave: 'ù',
  uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß', eth: 'ð', thorn: 'þ',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù',
  Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', oelig: 'œ', OElig: 'Œ', scaron: 'š', Scaron: 'Š',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      if (code === 0xa0) return ' ';
      return String.fromCodePoint(code);
    }
    const named = NAMED[body];
    return named ?? whole;
  });
}

/** True when the string contains markup worth parsing. */
function looksLikeHtml(s: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}

function stripTags(html: string): string {
  const out: string[] = [];
  let skipName: string | undefined;
  let skipDepth = 0;
  let last = 0;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (skipDepth === 0) out.push(decodeEntities(html.slice(last, m.index)));
    last = TAG.lastIndex;
    const cdata = m[1];
    const name = m[3]?.toLowerCase();
    if (cdata !== undefined && skipDepth === 0) out.push(cdata);
    if (!name) continue;
    const closing = m[2] === '/';
    const selfClosed = (m[4] ?? '').endsWith('/');
    if (skipDepth > 0) {
      if (name === skipName) skipDepth += closing ? -1 : selfClosed ? 0 : 1;
      continue;
    }
    if (DROP.has(name)) {
      out.push(' ');
      if (closing || selfClosed) continue;
      if (RAW.has(name)) {
        lower ??= html.toLowerCase();
        const endAt = lower.indexOf(`</${name}`, TAG.lastIndex);
        const resume = endAt < 0 ? html.length : html.indexOf('>', endAt) + 1 || html.length;
        TAG.lastIndex = resume;
        last = resume;
        continue;
      }
      skipName = name;
      skipDepth = 1;
      continue;
    }
    if (name === 'br') out.push('\n');
    else if (BLOCK.has(name)) out.push('\n\n');
    else if (name === 'td' || name === 'th') out.push(' ');
  }
  if (skipDepth === 0) out.push(decodeEntities(html.slice(last)));
  return out.join('');
}

export function htmlToText(html: string): string {
  const s = looksLikeHtml(html) ? stripTags(html) : html;
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, ' ')
    .replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// The words an item is indexed and searched by: lowercase letters and digits,
// accents folded, short and very common words left out.

const STOP = new Set(
  'the and for are but not you all any can had her was one our out day get has him his how man new now old see two way who boy did its let put say she too use that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what which their there about would these other into after also could first into most should where while within without'.split(' '),
);

export function indexWords(text: string): string[] {
  const words = new Set<string>();
  for (const raw of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOP.has(raw)) continue;
    words.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return [...words];
}

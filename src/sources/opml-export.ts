// Writes sources as OPML 2.0 that feed readers import: one folder per source's
// first tag, `category` with all its tags, and our own attributes in the
// `sw:` namespace (id, kind, interval, paused, selectors) so that importing the
// file here again gives back the same sources.
import { formatDuration } from '../config/duration.js';
import type { Source } from '../core/types.js';

export const SW_NAMESPACE = 'urn:standards-watch:opml';

export interface ExportOptions {
  title?: string;
  now?: Date;
}

/** Escapes for an XML attribute or text; drops characters XML 1.0 does not allow. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function attrs(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}="${xmlEscape(v)}"`)
    .join(' ');
}

function feedOutline(source: Source, indent: string): string {
  const label = source.title ?? source.id;
  const line = attrs([
    ['type', source.kind === 'rss' ? 'rss' : undefined],
    ['text', label],
    ['title', label],
    ['xmlUrl', source.url],
    ['category', source.tags.length ? source.tags.map((t) => `/${t}`).join(',') : undefined],
    ['sw:id', source.id],
    ['sw:kind', source.kind],
    ['sw:every', formatDuration(source.everyMs)],
    ['sw:paused', source.paused ? 'true' : undefined],
    ['sw:body', source.body],
    ['sw:group', source.group],
    ['sw:fetch-article', source.fetchArticle ? 'true' : undefined],
    ['sw:selectors', source.selectors ? JSON.stringify(source.selectors) : undefined],
  ]);
  return `${indent}<outline ${line}/>`;
}

export function exportOpml(sources: readonly Source[], opts: ExportOptions = {}): string {
  const folders = new Map<string, Source[]>();
  const loose: Source[] = [];
  for (const source of sources) {
    const folder = source.tags[0];
    if (!folder) loose.push(source);
    else folders.set(folder, [...(folders.get(folder) ?? []), source]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:sw="${SW_NAMESPACE}">`,
    '  <head>',
    `    <title>${xmlEscape(opts.title ?? 'standards-watch sources')}</title>`,
    `    <dateCreated>${(opts.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  for (const [folder, members] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`    <outline ${attrs([['text', folder], ['title', folder]])}>`);
    for (const source of members) lines.push(feedOutline(source, '      '));
    lines.push('    </outline>');
  }
  for (const source of loose) lines.push(feedOutline(source, '    '));
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

// The HTML a Matrix client is asked to render: only the tags and attributes
// the Matrix spec suggests (client-server API, "m.room.message msgtypes"),
// links only http(s)/mailto, images only mxc://, and no user pills.
import sanitizeHtml from 'sanitize-html';
import { isPillLink } from './defuse.js';

export const MATRIX_ALLOWED_TAGS = [
  'font', 'del', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'p', 'a', 'ul', 'ol', 'sup', 'sub', 'li', 'b', 'i', 'u',
  'strong', 'em', 'strike', 'code', 'hr', 'br', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'pre', 'span',
  'img', 'details', 'summary',
] as const;

const COLOR_ATTRS = ['data-mx-bg-color', 'data-mx-color', 'color'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...MATRIX_ALLOWED_TAGS],
  allowedAttributes: {
    font: COLOR_ATTRS,
    span: [...COLOR_ATTRS, 'data-mx-spoiler'],
    a: ['href', 'target'],
    img: ['width', 'height', 'alt', 'title', 'src'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['mxc'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'mx-reply'],
  transformTags: {
    // A permalink to a user renders as a pill that pings in some clients: keep its text only.
    a: (tagName, attribs) => (attribs.href !== undefined && isPillLink(attribs.href) ? { tagName: 'span', attribs: {} } : { tagName, attribs }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && frame.attribs.href === undefined && frame.text.trim() === '',
};

export function sanitizeMatrixHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

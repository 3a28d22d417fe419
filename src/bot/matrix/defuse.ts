// Text from feeds must never ping anyone in a Matrix room. Push rules match
// `@room` and user names as whole words in the plain `body` (Synapse counts a
// zero-width joiner as a word character), so a joiner inside the word defuses
// them without changing what a reader sees.

const ZWJ = '\u200D';

/** `@room` in any letter case: a joiner after "ro" keeps it readable and unmatched. */
const ROOM_MENTION = /@(ro)(om)/gi;

/** A Matrix user id such as `@alice:example.org` (or `@alice:example.org:8448`). */
const USER_ID = /@([a-z0-9._=\-/+]+):([a-z0-9.-]+\.[a-z]{2,}|localhost|\[[0-9a-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3})((?::\d{1,5})?)/gi;

/** Defuses `@room` and user ids (`@user:server` → `@\u200Duser:server`) in plain text. */
export function defuseMentions(text: string): string {
  return text.replace(ROOM_MENTION, `@$1${ZWJ}$2`).replace(USER_ID, `@${ZWJ}$1:$2$3`);
}

/** True for links that clients turn into user or room pills (matrix.to permalinks to a user). */
export function isPillLink(href: string): boolean {
  try {
    const url = new URL(href);
    if (url.hostname.toLowerCase() !== 'matrix.to') return false;
    const fragment = decodeURIComponent(url.hash.replace(/^#\/?/, ''));
    return fragment.startsWith('@');
  } catch {
    return false;
  }
}

// Page furniture that is not the story: share and follow prompts, "Read more" lines, newsletter
// and cookie prompts, advertisement markers, bylines and photo credits. Strong patterns drop a
// line or sentence wherever they are; weak ones only when the line is short (so an article about
// cookie banners or privacy policies keeps its sentences).

const STRONG: RegExp[] = [
  /^(?:read more|read next|also read|related|related articles?|related stories|see also|more from|more on this|recommended|you may also like|further reading|don['’]t miss|trending)(?:\s*[:|—–-]|\s*$)/i,
  /^(?:advertisement|advert|sponsored|sponsored content|ad|story continues below)\.?$/i,
  /^share (?:this|it|on|via)\b|\bshare (?:this|it)(?: (?:article|story|post|page))?\s*[:!.]?$/i,
  /^was this (?:article|story|post) (?:interesting|helpful|useful)/i,
  /\bfollow us on\b/i,
  /^got a (?:news )?tip\b/i,
  /\bsend us an? (?:email|tip|message)\b/i,
  /\b(?:sign up|subscribe) (?:for|to) (?:our|the|my) [\w\s]{0,30}(?:newsletter|briefing|digest|updates|channel)/i,
  /\bsubscribe to (?:our|the) \w+ channel\b/i,
  /\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:settings|preferences))\b/i,
  /^(?:photo|image|picture|illustration|credit|source|caption)s?\s*:/i,
  /^(?!.*[.!?]["”]?$)(?:[Bb]y|[Ww]ritten by|[Rr]eporting by|[Ee]dited by|[Ww]ords by)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*(?:(?:,|and|&|\||—|–|-)\s*.{0,60})?$/u,
  /^(?:this (?:article|story) (?:was|is) (?:originally|first) (?:published|posted|appeared))/i,
  /^(?:listen to this article|\d+\s*min(?:ute)?s? read|updated:|published:|posted:|last updated)/i,
  /\ball rights reserved\b|^©|^copyright\b/i,
  /^(?:click here|tap here|download (?:the|our) app)\b/i,
  /^(?:tags|topics|filed under|categories)\s*:/i,
  /^(?:the post|the article) .{1,200} (?:appeared first on|was first published on)\b/i,
];

const WEAK: RegExp[] = [
  /\bnewsletter\b/i,
  /\bcookies?\b/i,
  /\bprivacy policy\b|\bterms of (?:use|service)\b/i,
  /\b(?:log ?in|sign ?in|register) to\b/i,
  /^share\b|\bshare (?:this|it)\b/i,
  /\bsubscribe\b/i,
];

/** True when a line or sentence is page furniture rather than the story. */
export function isBoilerplate(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return true;
  if (STRONG.some((re) => re.test(t))) return true;
  return t.length < 90 && WEAK.some((re) => re.test(t));
}

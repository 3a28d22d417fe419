// Splits plain text (as htmlToText makes it) into sentences: never across a line break, and not
// after abbreviations ("Mr.", "U.S.", "e.g.") or initials.

export interface Sentence {
  text: string;
  /** Position among all sentences of the text. */
  index: number;
  /** Which line (paragraph) it came from. */
  paragraph: number;
  /** The line has no closing punctuation and few words: a heading or a label. */
  heading: boolean;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof st inc ltd co corp jr sr vs etc eg ie e.g i.e no nos gen sen rep gov lt col ' +
    'u.s u.k u.n e.u u.s.a jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est al ' +
    'ca cf op vol pp art para sec'
  ).split(' '),
);

// End punctuation, optional closing quotes/brackets, space, then an opening quote or a capital/digit.
const BOUNDARY = /([.!?…]+)(["”’')\]]*)\s+(?=["“‘'(\[]?[\p{Lu}\p{N}])/gu;

function splitLine(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(line); m !== null; m = BOUNDARY.exec(line)) {
    const punct = m[1] ?? '';
    if (punct === '.' && (m[2] ?? '') === '') {
      const before = line.slice(start, m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    const end = m.index + punct.length + (m[2] ?? '').length;
    out.push(line.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const lines = text.split(/\n+/);
  lines.forEach((line, paragraph) => {
    const parts = splitLine(line.trim());
    const heading = parts.length === 1 && !/[.!?…:;"”’)]$/.test(line.trim()) && line.trim().split(/\s+/).length <= 14;
    for (const text of parts) out.push({ text, index: out.length, paragraph, heading });
  });
  return out;
}

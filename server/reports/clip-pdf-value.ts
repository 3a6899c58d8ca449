/**
 * Characters of one value the PDF prints (ADR 062). A long support message or letter (a few
 * thousand characters) stays whole; a pathological one (a 1 MB free-text field was 646 pages of a
 * single table cell) is cut to a few pages. The JSON file delivered with the PDF always holds
 * every value whole, and the PDF says so where it cuts.
 */
export const PDF_VALUE_CHARS = 10_000;
/** How far back from the limit a cut looks for a space, so it ends on a whole word. */
const WORD_BACKTRACK = 200;
/** Characters that belong to the one before them: a cut never separates them. */
const CLINGS = /^(?:\p{M}|\u200d)/u;

/**
 * `value` as the PDF prints it: whole up to PDF_VALUE_CHARS characters (Unicode code points);
 * beyond, its first PDF_VALUE_CHARS characters (back to the last space when one is near, never
 * inside a surrogate pair or before a combining mark), then "…" and `note` given the value's
 * whole length formatted, e.g. "(1,048,576 characters in all; the whole text is in the JSON file)".
 */
export function clipPdfValue(value: string, note: (characters: number) => string): string {
  // UTF-16 length bounds the code point count from above: most values stop here.
  if (value.length <= PDF_VALUE_CHARS) return value;
  let characters = 0;
  let end = -1;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0 && value.charCodeAt(i - 1) >= 0xd800 && value.charCodeAt(i - 1) <= 0xdbff) continue;
    if (characters === PDF_VALUE_CHARS) end = i;
    characters += 1;
  }
  if (end < 0) return value;
  for (;;) {
    const code = value.charCodeAt(end);
    if (end > 0 && ((code >= 0xdc00 && code <= 0xdfff) || CLINGS.test(value.slice(end, end + 2)))) end -= 1;
    else break;
  }
  const space = value.lastIndexOf(" ", end);
  if (space > 0 && end - space <= WORD_BACKTRACK) end = space;
  return `${value.slice(0, end).trimEnd()}… ${note(characters)}`;
}

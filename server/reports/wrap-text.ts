// C0 controls other than tab and line breaks, DEL, and C1 controls: a value's bytes stay visible
// without steering the PDF text operators or the reader's layout (X23: data is only ever text).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/**
 * How a control character is shown (issue 14 outside check): as its escape "\u0007", the notation
 * of JSON (the file delivered with the PDF) and of most programming languages. It was U+FFFD, which
 * reads as a font that failed ("�"), not as data. Unicode's control pictures (U+2400-U+2421, in
 * Noto Sans Symbols 2) were tried and rejected: at the tables' 7.5-8.5 pt they are three letters
 * about a millimetre high, set diagonally, that print as a smudge, and C1 controls have
 * none. The escape is printed in the cell's own style: a cell is drawn in one style, and a lighter
 * run inside a line would need per-run colours the canvas does not have. The JSON keeps the exact
 * character.
 */
const showControl = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- as above
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/**
 * Where a long token (a URL, a path, an id, an e-mail address) may break: after a slash, a query
 * or fragment mark, a dot, a dash or underscore, an @, a comma or a semicolon (ADR 031), as
 * browsers and typesetters do; between any two characters only when a piece is still too wide.
 */
const TOKEN_BREAK = /(?<=[/?&=#.\-_@,;:+~])(?=.)/u;

/**
 * Splits text into lines no wider than `maxWidth` (greedy, on spaces), keeping the data exact:
 * explicit line breaks are honoured, runs of spaces are kept, and a word wider than the column
 * (a URL, a token) is broken after its punctuation (TOKEN_BREAK), or between characters when a
 * piece is still too wide, rather than overflowing or being cut off.
 * Pure: the PDF's measuring pass and painting pass get the same lines, so pagination agrees.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  // Most values (dates, ids, short strings) fit on one line: skip the word loop for them.
  if (!SPECIAL.test(text) && measure(text) <= maxWidth) return [text];
  const lines: string[] = [];
  const space = measure(" ");
  for (const paragraph of text.replace(/\t/g, "    ").replace(CONTROL, showControl).split(LINE_BREAK)) {
    let line = "";
    let width = 0;
    let started = false;
    for (const word of paragraph.split(" ")) {
      const wordWidth = measure(word);
      if (!started) {
        started = true;
      } else if (width + space + wordWidth <= maxWidth) {
        line += ` ${word}`;
        width += space + wordWidth;
        continue;
      } else {
        lines.push(line);
        line = "";
        width = 0;
      }
      if (wordWidth <= maxWidth) {
        line = word;
        width = wordWidth;
        continue;
      }
      for (const piece of word.split(TOKEN_BREAK)) {
        const pieceWidth = measure(piece);
        if (pieceWidth <= maxWidth) {
          if (line !== "" && width + pieceWidth > maxWidth) {
            lines.push(line);
            line = "";
            width = 0;
          }
          line += piece;
          width += pieceWidth;
          continue;
        }
        for (const char of piece) {
          const charWidth = measure(char);
          if (line !== "" && width + charWidth > maxWidth) {
            const carried = kinsoku(line, char);
            const carriedWidth = carried ? measure(carried) : 0;
            if (carried && carried.length < line.length && carriedWidth + charWidth <= maxWidth) {
              lines.push(line.slice(0, line.length - carried.length));
              line = carried;
              width = carriedWidth;
            } else {
              lines.push(line);
              line = "";
              width = 0;
            }
          }
          line += char;
          width += charWidth;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Kinsoku (JIS X 4051, and the same rule in Chinese typesetting): closing punctuation, commas and
 * full stops, small kana and the prolonged sound mark never begin a line, and an opening bracket
 * never ends one. Values in Chinese or Japanese have no spaces, so they break between characters.
 */
const NO_LINE_START = /[、。，．：；？！）］｝〕〉》」』】〙〗〟’”｠»‥…・ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%),.:;?!\]}]/u;
const NO_LINE_END = /[（［｛〔〈《「『【〘〖〝‘“｟«([{]/u;
/** Characters carried to the next line at most: a run of punctuation longer than this breaks where it must. */
const KINSOKU_CARRY = 3;

/**
 * The end of `line` to carry down to the next line with `next` so that neither rule is broken (at
 * most KINSOKU_CARRY characters, pushed out rather than squeezed in); "" when nothing needs to move
 * or no short carry helps.
 */
function kinsoku(line: string, next: string): string {
  // The usual case, at every break: neither rule applies, and the line is not split into characters.
  if (!NO_LINE_START.test(next) && !NO_LINE_END.test(line.slice(-1))) return "";
  const chars = [...line];
  let carried = 0;
  let first = next;
  while (carried < chars.length) {
    const last = chars[chars.length - 1 - carried]!;
    if (!NO_LINE_START.test(first) && !NO_LINE_END.test(last)) break;
    if (carried === KINSOKU_CARRY) return "";
    carried += 1;
    first = last;
  }
  return chars.slice(chars.length - carried).join("");
}

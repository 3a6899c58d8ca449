/**
 * `text` whole if it fits `width`, else cut with "…" to fit: at the end of a word when that keeps
 * at least half of what fits (a label reads better as "Historia zamówień…" than "Historia zamó…"),
 * else between characters (Chinese and Japanese labels have no spaces; a long token has none).
 * `measure` gives a text's width in the same unit as `width`.
 */
export function shortenToWidth(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  const shown = (count: number): string => `${chars.slice(0, count).join("").replace(/[\s,;:]+$/u, "")}…`;
  // The most characters that fit with the ellipsis (widths grow with the prefix: no kerning here).
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (measure(shown(mid)) <= width) low = mid;
    else high = mid - 1;
  }
  const cut = chars.slice(0, low).join("");
  const space = cut.lastIndexOf(" ");
  const atWordEnd = /\s/u.test(chars[low] ?? " ");
  if (atWordEnd || space <= 0 || [...cut.slice(0, space)].length < low / 2) return shown(low);
  return shown([...cut.slice(0, space)].length);
}

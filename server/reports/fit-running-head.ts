import { shortenToWidth } from "./shorten-to-width";

const SEPARATOR = " › ";

/**
 * The running head of a page (ADR 031), "Part 2... › F. Internet... › Visits (app) (continued)",
 * fitted to `width`. When the whole does not fit, the labels share the room: those narrower than
 * an equal share stay whole, the others are each cut to the share with an ellipsis, on a word
 * where one ends near (shortenToWidth). The category was cut to its letter ("F. ›") before: a
 * reader then could not tell which category a page continued. `suffix` ("(continued)") is kept.
 */
export function fitRunningHead(parts: readonly string[], suffix: string, width: number, measure: (text: string) => number): string {
  const tail = suffix ? ` ${suffix}` : "";
  const whole = `${parts.join(SEPARATOR)}${tail}`;
  if (parts.length === 0 || measure(whole) <= width) return whole;
  const widths = parts.map(measure);
  let room = width - measure(`${SEPARATOR.repeat(parts.length - 1)}${tail}`);
  let left = parts.length;
  // Water-filling: labels that fit within an equal share of what is left keep their width.
  for (const w of [...widths].sort((a, b) => a - b)) {
    if (w > room / left) break;
    room -= w;
    left -= 1;
  }
  const share = room / left;
  return `${parts.map((part, i) => (widths[i]! <= share ? part : shortenToWidth(part, share, measure))).join(SEPARATOR)}${tail}`;
}

// Letters that Unicode compatibility decomposition (NFKD) leaves alone because they are not a
// base letter plus a mark, mapped the way people type them on a US keyboard.
const SPECIAL_LETTERS: Record<string, string> = {
  ł: "l",
  đ: "d",
  ð: "d",
  ø: "o",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ı: "i",
  ħ: "h",
  þ: "th",
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "gu");

/**
 * Text reduced to what a person means when they type it: NFKD accent folding, lower case, special
 * letters spelled out, apostrophes dropped (O'Brien = OBrien), every other punctuation mark a
 * space, and runs of spaces collapsed. "Zoë  Łukasiewicz" and "zoe lukasiewicz" fold alike, so
 * a consumer is not refused over a keyboard (11 CCR 7060(c): a reasonable method).
 *
 * @example foldText("  Zoë Łukasiewicz-Núñez ") // "zoe lukasiewicz nunez"
 */
export function foldText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/['’‘`´]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

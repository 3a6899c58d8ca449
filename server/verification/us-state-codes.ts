/** USPS two-letter codes by folded name: states, DC, territories and the military "states". */
const STATE_CODES: Record<string, string> = {
  alabama: "al", alaska: "ak", arizona: "az", arkansas: "ar", california: "ca", colorado: "co",
  connecticut: "ct", delaware: "de", florida: "fl", georgia: "ga", hawaii: "hi", idaho: "id",
  illinois: "il", indiana: "in", iowa: "ia", kansas: "ks", kentucky: "ky", louisiana: "la",
  maine: "me", maryland: "md", massachusetts: "ma", michigan: "mi", minnesota: "mn",
  mississippi: "ms", missouri: "mo", montana: "mt", nebraska: "ne", nevada: "nv",
  "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny",
  "north carolina": "nc", "north dakota": "nd", ohio: "oh", oklahoma: "ok", oregon: "or",
  pennsylvania: "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
  tennessee: "tn", texas: "tx", utah: "ut", vermont: "vt", virginia: "va", washington: "wa",
  "west virginia": "wv", wisconsin: "wi", wyoming: "wy", "district of columbia": "dc",
  "washington dc": "dc", "washington d c": "dc", "puerto rico": "pr", guam: "gu",
  "us virgin islands": "vi", "virgin islands": "vi", "american samoa": "as",
  "northern mariana islands": "mp", "armed forces americas": "aa", "armed forces europe": "ae",
  "armed forces pacific": "ap", calif: "ca", cal: "ca",
};
const CODES = new Set(Object.values(STATE_CODES));

/**
 * The USPS code for a folded state name or code ("california", "calif", "ca" -> "ca"); the folded
 * input itself when it is neither, so two identical unknown values still compare equal.
 *
 * @example stateCode("new york") // "ny"
 */
export function stateCode(folded: string): string {
  if (CODES.has(folded)) return folded;
  return STATE_CODES[folded] ?? folded;
}

/** True when a folded text names a US state or territory, by name or USPS code ("ca", "new york"). */
export function isUsState(folded: string): boolean {
  return CODES.has(stateCode(folded));
}

/**
 * Name suffixes that follow a comma without being a first name: "Smith, Jr." is Smith Jr., never
 * "Jr. Smith". Compared without dots and case.
 */
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "v", "md", "phd", "dds", "esq", "cpa", "rn"]);

/**
 * A person's name in the order it is spoken: "Last, First" (a single comma, as the DRP reference
 * agent sends `name`, drp.md §5) becomes "First Last"; anything else is returned as it is.
 * Used for matching against the business's records (either side may be written either way) and
 * for the salutation of a mail. The stored name stays as it was sent (11 CCR 7101 records).
 *
 * @example naturalNameOrder("Bennett, Olivia") // "Olivia Bennett"
 * @example naturalNameOrder("Smith, Jr.") // "Smith, Jr." (a suffix, not a first name)
 */
export function naturalNameOrder(name: string): string {
  const parts = name.split(",");
  if (parts.length !== 2) return name;
  const last = parts[0]!.trim();
  const first = parts[1]!.trim();
  if (!last || !first || SUFFIXES.has(first.replace(/\./g, "").toLowerCase())) return name;
  return `${first} ${last}`;
}

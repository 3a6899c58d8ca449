import type { z } from "zod";
import { formatIssuePath, type DatamapIssue } from "./datamap-error";
import { LEVELS, levelAt, type Level } from "./datamap-levels";

type Path = (string | number)[];

/**
 * What a key is for, where the schema carries no description: the words an engineer mapping a
 * schema for the first time needs next to "needs primaryKey" (issue 14.8).
 */
const KEY_HELP: Record<string, string> = {
  version: "1, the version of the data map format",
  business: "the business's name, legal name, contact e-mail, privacy policy URL and request methods",
  identity: "which dataset holds the people the portal verifies, and its columns",
  sources: "the systems that hold personal information",
  id: "a lower-case code such as web_events",
  label: "a plain-language name in English and Spanish: { en: ..., es: ... }",
  kind: "sql, http or file",
  connection: "where to reach the source: an environment variable holding its URL or directory",
  datasets: "the tables, endpoints or files of this source",
  table: "the table's name in the database (schema.table where the schema is not the default)",
  primaryKey: "the column that identifies a row, or a list of the columns of a composite key",
  fields: "every column of the dataset, each with a label and categories (or internal: true with a reason)",
  categories: "the statutory categories A-L the value belongs to",
  column: "a column of this dataset",
  identifier: "the identifier type the column holds (email, phone, customer_number, user_id...)",
  email: "the column that holds the e-mail address",
  name: "the business's trade name",
  legalName: "the business's legal name",
  contactEmail: "the privacy contact's e-mail address",
  privacyPolicyUrl: "the privacy policy's address (https://...)",
  records: "a JSON pointer to the array of records in the response",
  path: "the file's path, relative to the source's directory",
  format: "csv or ndjson",
  reason: "why, in a sentence for reviewers",
};

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value lines)",
  null: "null",
};

/** How Zod's own messages begin; any other message was written in our schema and is kept. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized)/;

function typeOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value === "number" ? "the number" : "the value"} ${String(value)}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const part of path) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[part] : undefined;
  return value;
}

/** "datasets[1] (invoices)", "field Total", "the map": how a message names the object it speaks of. */
function nameOf(root: unknown, path: Path): string {
  if (path.length === 0) return "the map";
  const last = path.at(-1)!;
  if (path.at(-2) === "fields") return `field ${String(last)}`;
  const own = typeof last === "number" ? `${String(path.at(-2))}[${last}]` : String(last);
  const id = (valueAt(root, path) as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? `${own} (${id})` : own;
}

function helpFor(level: Level | null, key: string): string | undefined {
  return KEY_HELP[key] ?? level?.keys.get(key);
}

/** Edit distance, small strings only: for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

function unknownKeyMessage(path: Path, key: string): string {
  const here = levelAt(path);
  const level = here ? LEVELS[here] : null;
  const lower = key.toLowerCase();
  const near =
    level &&
    [...level.keys.keys()].find((k) => {
      const candidate = k.toLowerCase();
      return candidate === lower || (lower.length > 3 && (distance(candidate, lower) <= 2 || sharedPrefix(candidate, lower) >= 6));
    });
  if (near) return `unknown key "${key}": did you mean ${near}:?`;
  const elsewhere = Object.values(LEVELS).filter((l) => l !== level && l.keys.has(key));
  if (elsewhere.length > 0) return `"${key}" does not belong in ${level?.name ?? "this place"}: it belongs in ${elsewhere.map((l) => l.name).join(" or ")}`;
  if (here === "dataset") return `"${key}" looks like a column: put it under fields:`;
  if (here === "source") return `"${key}" is not a key of a source: a table or endpoint goes under datasets: as an entry with id: ${key}`;
  return `unknown key "${key}"${level ? ` (${level.name} takes ${[...level.keys.keys()].join(", ")})` : ""}`;
}

/**
 * Turns one Zod issue of the map schema into sentences that name what is wrong and what to write
 * instead, never raw validator text ("Invalid input: expected string, received undefined").
 * `root` is the map as read (document.toJS()), to tell a missing key from a wrong value.
 */
export function describeSchemaIssue(issue: z.core.$ZodIssue, root: unknown): (DatamapIssue & { at: Path; key?: string })[] {
  const path = issue.path as Path;
  const parent = path.slice(0, -1);
  const key = path.at(-1);
  const value = valueAt(root, path);
  const keyName = typeof key === "number" ? `${String(path.at(-2))}[${key}]` : String(key ?? "the map");
  const at = (message: string, where: Path = path) => ({ path: formatIssuePath(where), message, at: where });
  // About a key of the object at `owner`: located at that key in the file, or at the object when absent.
  const aboutKey = (message: string, owner: Path, name: string) => ({ path: formatIssuePath([...owner, name]), message, at: owner, key: name });
  // A required key that is absent: "datasets[1] (invoices) needs primaryKey: the column that identifies a row".
  const missingKey = (owner: Path, name: string) => {
    const help = helpFor(LEVELS[levelAt(owner) ?? "top"] ?? null, name);
    return { ...aboutKey(`${nameOf(root, owner)} needs ${name}${help ? `: ${help}` : ""}`, owner, name), path: formatIssuePath(owner) };
  };
  // A message the schema wrote itself ("unknown category "Q" (use A-L...)") already says it best.
  if (issue.code !== "unrecognized_keys" && !ZOD_WORDING.test(issue.message)) return [at(issue.message)];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((k) => aboutKey(unknownKeyMessage(path, k), path, k));
    case "invalid_type": {
      if (value === undefined && typeof key === "string") return [missingKey(parent, key)];
      const help = typeof key === "string" && (key === "label" || key === "fields") ? ` (${KEY_HELP[key]})` : "";
      return [at(`${keyName} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}${help}, not ${typeOf(value)}`)];
    }
    case "invalid_value":
      return [at(`${keyName} must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => String(v)).join(", ")}`}, not ${typeOf(value)}`)];
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator && options) return [at(`${discriminator} must be one of ${options.map(String).join(", ")}, not ${typeOf(value)}`)];
      // A key with several forms (primaryKey: a column or a list of columns) that is missing, or of no form at all.
      if (value === undefined && typeof key === "string") return [missingKey(parent, key)];
      const forms = issue.errors.map((branch) => branch.find((i) => i.code === "invalid_type" && i.path.length === 0));
      if (forms.every(Boolean)) return [at(`${keyName} must be ${forms.map((i) => TYPE_WORDS[(i as { expected: string }).expected] ?? (i as { expected: string }).expected).join(" or ")}, not ${typeOf(value)}`)];
      return [at(`${keyName} matches none of its allowed forms (${issue.errors.map((branch) => branch.filter((i) => i.code === "invalid_type").map((i) => i.path.join(".")).join(" + ") || "?").join(", or ")})`)];
    }
    case "too_small":
      if (issue.origin === "array") return [at(`${keyName} needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}`)];
      if (issue.origin === "string") return [at(`${keyName} is empty`)];
      return [at(`${keyName} must be at least ${String(issue.minimum)}`)];
    case "too_big":
      return [at(`${keyName} must be at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""}`)];
    case "invalid_format":
      if (issue.format === "email") return [at(`${keyName} must be an e-mail address`)];
      if (issue.format === "url") return [at(`${keyName} must be a URL such as https://example.com/privacy`)];
      return [at(`${keyName}: ${issue.message}`)];
    default:
      return [at(issue.message)];
  }
}

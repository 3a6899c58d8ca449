/**
 * Problems found in a data map. Every message names the place it was found, in the form an
 * engineer can search for in the file: `sources[2].datasets[0].fields.ssn.categories[1]: ...`.
 * Messages quote map content (codes, column names), never data read from a source.
 */
export type IssuePath = readonly (string | number)[];

export interface DatamapIssue {
  path: string;
  message: string;
  /** Where in the file (1-based), when the map was read from text and the place exists there. */
  line?: number;
  column?: number;
  /** The place as a path, for finding its line; `key` when the issue is about a key of that place. */
  at?: IssuePath;
  key?: string;
}

export class DatamapError extends Error {
  readonly issues: readonly DatamapIssue[];
  /** What can still be checked against the live sources (a LoadedDatamap), when anything can. */
  readonly checkable: unknown;

  constructor(issues: readonly DatamapIssue[], what = "data map", checkable?: unknown) {
    super(`${what} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${formatIssues(issues)}`);
    this.name = "DatamapError";
    this.issues = issues;
    this.checkable = checkable;
  }
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["sources", 2, "fields", "ssn"] -> "sources[2].fields.ssn"; odd keys are quoted: fields["First Name"]. */
export function formatIssuePath(path: IssuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "(top level)";
}

export function issueAt(path: IssuePath, message: string): DatamapIssue {
  return { path: formatIssuePath(path), message, at: path };
}

export function formatIssues(issues: readonly DatamapIssue[]): string {
  return issues.map((i) => `  ${i.line ? `line ${i.line}, column ${i.column}: ` : ""}${i.path}: ${i.message}`).join("\n");
}

import fs from "node:fs/promises";
import path from "node:path";

let cached: Promise<string> | undefined;

/**
 * The published JSON Schema of disclosure format v1 (docs/disclosure.schema.json), read once per
 * process. Resolved from the working directory, as the server and worker run from the project root
 * (server/env.ts resolves DATA_DIR the same way); the Remix bundle has no stable path to docs/.
 */
export function readDisclosureSchema(): Promise<string> {
  cached ??= fs.readFile(path.resolve(process.cwd(), "docs", "disclosure.schema.json"), "utf8").catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

// npm run bench -- <name> [args...]  runs bench/<name>.ts with the remaining arguments.
// Benchmarks print figures; they assert nothing (DESIGN.md §7: performance is measured, not tested).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join("|")}> [args...]`);
  process.exit(2);
}
// The benchmark sees its own arguments at process.argv[2...], as when run directly.
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(dir, `${name}.ts`)).href);

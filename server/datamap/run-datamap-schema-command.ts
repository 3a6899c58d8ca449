import fs from "node:fs/promises";
import path from "node:path";
import { buildDatamapJsonSchema } from "./build-datamap-json-schema";

/** `rtk datamap schema [out]`: writes the data map's JSON Schema (default: stdout). */
export async function runDatamapSchemaCommand(args: string[]): Promise<void> {
  const text = `${JSON.stringify(buildDatamapJsonSchema(), null, 2)}\n`;
  if (!args[0]) {
    process.stdout.write(text);
    return;
  }
  await fs.writeFile(path.resolve(args[0]), text);
  console.log(`Wrote ${args[0]}.`);
}

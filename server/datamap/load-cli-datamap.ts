import path from "node:path";
import type { Env } from "../env";
import { DatamapError } from "./datamap-error";
import { loadDatamap, type LoadedDatamap } from "./load-datamap";
import { resolveDatamapPath, sourceEnvironment } from "./resolve-datamap-path";

/**
 * The data map for a CLI command: the file given with --map, else DATAMAP_PATH. A broken map
 * becomes a plain Error whose message is the problem list (one per line, with line and column),
 * which the CLI prints without a stack.
 */
export async function loadCliDatamap(env: Env, mapFile: string | undefined): Promise<LoadedDatamap> {
  const file = mapFile ? path.resolve(mapFile) : resolveDatamapPath(env);
  try {
    return await loadDatamap({ file }, sourceEnvironment(env));
  } catch (error) {
    if (error instanceof DatamapError) throw new Error(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}

import path from "node:path";
import type { SourceEnv } from "../datamap/cross-check-datamap";
import { ConnectorError } from "./connector-types";

/**
 * The directory of a `file` or `files` source: from the environment variable the map names (never
 * inline), or relative to the map for fixtures shipped with it.
 */
export function resolveSourceDir(connection: { dirEnv: string } | { dir: string }, options: { env: SourceEnv; baseDir: string }): string {
  if ("dir" in connection) return path.resolve(options.baseDir, connection.dir);
  const value = options.env[connection.dirEnv];
  if (typeof value !== "string" || value === "") throw new ConnectorError("SOURCE_DIR_MISSING", `environment variable ${connection.dirEnv} is not set`);
  return path.resolve(value);
}

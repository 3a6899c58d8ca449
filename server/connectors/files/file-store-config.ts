import path from "node:path";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { Datamap } from "../../datamap/datamap-schema";
import type { FileStore } from "./file-store";
import { openDirectoryFileStore } from "./open-directory-file-store";

/**
 * Where a `files` source's store is, as plain data: it crosses into the render process (IPC),
 * which writes the download bundle and reads the files again there. Another kind (s3) would add
 * its own variant here and in openFileStore.
 */
export type FileStoreConfig = { kind: "directory"; dir: string; maxFileBytes?: number };

/** Every `files` source of the map whose location the environment gives; the others are left out (their files are "unavailable"). */
export function fileStoreConfigs(map: Datamap, env: SourceEnv, baseDir: string): Record<string, FileStoreConfig> {
  const configs: Record<string, FileStoreConfig> = {};
  for (const source of map.sources) {
    if (source.kind !== "files") continue;
    const dir = "dirEnv" in source.connection ? env[source.connection.dirEnv] : path.resolve(baseDir, source.connection.dir);
    if (typeof dir === "string" && dir !== "") configs[source.id] = { kind: "directory", dir: path.resolve(dir), maxFileBytes: source.maxFileBytes };
  }
  return configs;
}

export function openFileStore(config: FileStoreConfig): FileStore {
  return openDirectoryFileStore(config.dir, { maxFileBytes: config.maxFileBytes });
}

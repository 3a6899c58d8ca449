import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { FilesSource } from "../../datamap/datamap-schema";
import type { SourceConnector } from "../connector-types";
import type { FileStore } from "./file-store";
import { openDirectoryFileStore } from "./open-directory-file-store";
import { resolveSourceDir } from "../resolve-source-dir";

/** A connector that fetches nothing itself: fields of other sources name it to have their keys resolved. */
export interface FilesConnector extends SourceConnector {
  store: FileStore;
}

/**
 * Opens a `files` source (ADR 027): today a local directory, named by an environment variable
 * like every other connection (never inline), or relative to the map for fixtures. The store has
 * no datasets: `fetch` yields nothing; `inspect` is where a missing or unreadable directory shows,
 * so that `datamap check` reports it and a collection that needs the store is marked incomplete.
 */
export async function openFilesConnector(source: FilesSource, options: { env: SourceEnv; baseDir: string }): Promise<FilesConnector> {
  const dir = resolveSourceDir(source.connection, options);
  const store = openDirectoryFileStore(dir, { maxFileBytes: source.maxFileBytes });
  return {
    store,
    // eslint-disable-next-line require-yield -- a file store has no records of its own
    async *fetch() {
      return;
    },
    inspect: async () => (await store.check()).map((message) => ({ path: ["connection"], message, code: "SOURCE_DIR_MISSING" })),
    close: async () => {},
  };
}

/** The store behind a connector, when it is one of a `files` source. */
export function fileStoreOf(connector: SourceConnector | undefined): FileStore | null {
  return connector && "store" in connector ? (connector as FilesConnector).store : null;
}

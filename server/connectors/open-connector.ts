import type { DialectName } from "../../db/client";
import type { Kysely } from "kysely";
import type { SourceEnv } from "../datamap/cross-check-datamap";
import type { Source } from "../datamap/datamap-schema";
import type { SourceConnector } from "./connector-types";
import { openFileConnector } from "./file/open-file-connector";
import { openFilesConnector } from "./files/open-files-connector";
import { openHttpConnector } from "./http/open-http-connector";
import { openSqlConnector } from "./sql/open-sql-connector";
import type { SourcePools } from "./sql/keep-source-pools";

export interface OpenConnectorOptions {
  env: SourceEnv;
  /** Directory of the data map file, for file sources declared with `connection.dir`. */
  baseDir: string;
  /** Already open databases by source id (a worker's pools, a test database); not closed by the connector. */
  handles?: Readonly<Record<string, { db: Kysely<any>; dialect: DialectName }>>;
  /** A long-lived process's kept PostgreSQL and MySQL source pools (keep-source-pools.ts); not closed by the connector. */
  pools?: SourcePools;
}

/** Opens the connector for a source's kind; throws a ConnectorError (with a code) when it cannot. */
export async function openConnector(source: Source, options: OpenConnectorOptions): Promise<SourceConnector> {
  switch (source.kind) {
    case "sql":
      return openSqlConnector(source, { env: options.env, handle: options.handles?.[source.id], pools: options.pools });
    case "http":
      return openHttpConnector(source, { env: options.env });
    case "file":
      return openFileConnector(source, { env: options.env, baseDir: options.baseDir });
    case "files":
      return openFilesConnector(source, { env: options.env, baseDir: options.baseDir });
    default: {
      const never: never = source;
      throw new Error(`unknown source kind ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

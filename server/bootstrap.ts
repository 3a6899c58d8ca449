import { openDb, pingDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { reindexRequestSearchKeys } from "./requests/reindex-request-search-keys";
import type { Database } from "../db/schema";
import type { AppContext } from "./context";
import { getDatamap } from "./datamap/get-datamap";
import { resolveDatamapPath, sourceEnvironment } from "./datamap/resolve-datamap-path";
import { checkSourcesOpen } from "./connectors/check-sources-open";
import type { Env } from "./env";
import { createLogger } from "./lib/logger";
import { protectDataDir } from "./lib/protect-data-dir";

/** A start-up failure an operator can act on; printed as one line, never as a stack trace. */
export class StartupError extends Error {}

/**
 * Opens and (unless told otherwise) migrates the portal database. Connection problems become a StartupError naming the
 * setting and the (password-redacted) URL.
 */
export async function bootstrap(env: Env, { migrate = true }: { migrate?: boolean } = {}): Promise<AppContext> {
  const logger = createLogger(env.LOG_LEVEL);
  // Before the database or anything else creates a file there (issue 16 item 4).
  try {
    protectDataDir(env.DATA_DIR);
  } catch (error) {
    throw new StartupError(`Invalid setting DATA_DIR: ${(error as Error).message}`);
  }
  // The data map first: nothing should start on a half-understood description of the business.
  let datamap;
  try {
    datamap = await getDatamap({ env });
  } catch (error) {
    throw new StartupError(`Invalid setting DATAMAP_PATH (${resolveDatamapPath(env)}): ${(error as Error).message}`);
  }
  // Nor on a source whose database URL cannot work (unset, an unsupported scheme): issue 14.
  try {
    await checkSourcesOpen(datamap.map, sourceEnvironment(env), { ping: false });
  } catch (error) {
    throw new StartupError(`The data map's sources cannot be opened:\n${(error as Error).message}`);
  }
  let handle;
  try {
    handle = openDb<Database>(env.DATABASE_URL);
  } catch (error) {
    throw new StartupError(`Invalid setting DATABASE_URL: ${(error as Error).message}`);
  }
  try {
    await pingDb(handle);
  } catch (error) {
    await handle.db.destroy().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`Cannot connect to DATABASE_URL (${handle.safeUrl}): ${reason}`);
  }
  // HTTP worker processes (WEB_CONCURRENCY > 1) open a database their primary has just migrated.
  if (!migrate) return { env, db: handle.db, dialect: handle.dialect, logger };
  try {
    const { applied } = await migrateToLatest(handle.db);
    if (applied.length) logger.info({ count: applied.length }, "database migrated");
  } catch (error) {
    await handle.db.destroy().catch(() => {});
    throw new StartupError(`Cannot migrate DATABASE_URL (${handle.safeUrl}): ${(error as Error).message}`);
  }
  // Requests from before the search keys, or keyed under a rotated secret, become findable (ADR 039).
  const keyed = await reindexRequestSearchKeys({ db: handle.db, env });
  if (keyed) logger.info({ count: keyed }, "request search keys rebuilt");
  return { env, db: handle.db, dialect: handle.dialect, logger };
}

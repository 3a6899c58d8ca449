import type { Kysely } from "kysely";
import type { DialectName } from "../db/client";
import type { Database } from "../db/schema";
import type { Env } from "./env";
import type { Logger } from "./lib/logger";

/**
 * Everything a service needs, built once per process in server/bootstrap.ts and handed to Remix as
 * the load context. Passing it (rather than importing singletons) keeps the Express entry and the
 * Remix bundle on one pool and lets tests build a context on any database.
 */
export interface AppContext {
  env: Env;
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
}

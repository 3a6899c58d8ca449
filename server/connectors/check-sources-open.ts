import { openDb, pingDb } from "../../db/client";
import type { SourceEnv } from "../datamap/cross-check-datamap";
import type { Datamap } from "../datamap/datamap-schema";
import { errorCode } from "../lib/errors";

/** What a driver's code means, for the operator reading the one line. */
const HINTS: Record<string, string> = {
  ECONNREFUSED: "nothing listens at that host and port",
  ENOTFOUND: "unknown host",
  ETIMEDOUT: "no answer",
  Error: "no answer or refused",
  "28P01": "wrong user or password",
  "28000": "this user may not connect",
  "3D000": "no such database",
  ER_ACCESS_DENIED_ERROR: "wrong user or password",
  ER_BAD_DB_ERROR: "no such database",
};

/** Every sql source whose database cannot be opened, one line each, naming the source; empty when all can. */
export class SourcesUnavailableError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "SourcesUnavailableError";
  }
}

/**
 * Start-up and pre-collection check of the map's sql sources (issue 14; docs/decisions/022):
 * each connection variable is set and holds a URL of a supported kind and, with `ping`, the
 * database answers. The portal and the worker check the URLs only (a source briefly down must not
 * stop requests being received; its collection fails and is retried); `rtk collect` and
 * `rtk report` also ping, so an unreachable database gives one message before anything is written.
 * Messages name the source id, the variable and a driver code: never the password (redactUrl).
 */
export async function checkSourcesOpen(map: Pick<Datamap, "sources">, env: SourceEnv, options: { ping: boolean }): Promise<void> {
  const problems: string[] = [];
  for (const source of map.sources) {
    if (source.kind !== "sql") continue;
    const name = source.connection.urlEnv;
    const url = env[name];
    if (typeof url !== "string" || url === "") {
      problems.push(`source ${source.id}: environment variable ${name} is not set`);
      continue;
    }
    // Without a ping, an SQLite file is left alone (opening would create it); its form is enough.
    if (!options.ping && url.startsWith("sqlite:")) {
      if (url === "sqlite:") problems.push(`source ${source.id}: ${name} names no SQLite file`);
      continue;
    }
    let handle;
    try {
      handle = openDb<unknown>(url);
    } catch (error) {
      problems.push(`source ${source.id}: ${name} is not usable: ${(error as Error).message}`);
      continue;
    }
    try {
      if (options.ping) await pingDb(handle);
    } catch (error) {
      const code = errorCode(error);
      problems.push(`source ${source.id}: cannot connect to ${handle.safeUrl} (${code}${HINTS[code] ? `: ${HINTS[code]}` : ""})`);
    } finally {
      await handle.db.destroy().catch(() => {});
    }
  }
  if (problems.length) throw new SourcesUnavailableError(problems);
}

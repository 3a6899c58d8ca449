import type { AppLoadContext } from "@remix-run/node";
import { commitConsumerSession } from "../../app/lib/consumer-session.server";
import { openDb } from "../../db/client";
import type { Database } from "../../db/schema";
import type { AppContext } from "../../server/context";
import type { Env } from "../../server/env";
import { createLogger } from "../../server/lib/logger";
import { createRequest } from "../../server/requests/create-request";

/**
 * A categories request in the portal's database (env.DATABASE_URL) with a consumer session, and the
 * `rtk_consumer=...` pair to send as its Cookie header: signed by the portal's own
 * commitConsumerSession, so a test or bench acts as a signed-in consumer without a mail round trip.
 */
export async function createConsumerWithSession(env: Env, name: string): Promise<{ id: string; cookie: string }> {
  const opened = openDb<Database>(env.DATABASE_URL);
  const app: AppContext = { env, db: opened.db, dialect: opened.dialect, logger: createLogger("silent") };
  try {
    const { id } = await createRequest(app, {
      type: "categories",
      channel: "web",
      californiaResident: true,
      subject: { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.test` },
      actor: { kind: "consumer" },
    });
    const setCookie = await commitConsumerSession({ app } as AppLoadContext, { requestId: id });
    return { id, cookie: setCookie.split(";")[0]! };
  } finally {
    await opened.db.destroy();
  }
}

import type { AppContext } from "../context";
import { emailSearchKey, phoneSearchKey, searchKeyId } from "./request-search-keys";
import { listRequestsWithStaleSearchKeys, updateRequestSearchKeys } from "./requests.repository";

const BATCH = 500;

/**
 * Gives every request the search keys of the current secret: rows made before the keys existed,
 * and all rows after SESSION_SECRET was rotated. Runs at start-up after the migrations (bootstrap),
 * a batch at a time, and is a no-op when every key is current. Returns how many rows it keyed.
 */
export async function reindexRequestSearchKeys(ctx: Pick<AppContext, "db" | "env">): Promise<number> {
  const keyId = searchKeyId(ctx.env);
  let done = 0;
  for (;;) {
    const rows = await listRequestsWithStaleSearchKeys(ctx.db, keyId, BATCH);
    for (const row of rows) {
      await updateRequestSearchKeys(ctx.db, row.id, { subject_email_key: emailSearchKey(ctx.env, row.subject_email), subject_phone_key: phoneSearchKey(ctx.env, row.subject_phone) });
    }
    done += rows.length;
    if (rows.length < BATCH) return done;
  }
}

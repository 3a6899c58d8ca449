import type { AppLoadContext } from "@remix-run/node";
import { readOutbox, type OutboxMessage } from "../../server/mail/read-outbox";

/**
 * The development mail outbox. Guarded: it exists only when no SMTP server is configured and never
 * in production (server/env.ts refuses production without SMTP_URL), so real mail is never shown.
 */
export async function requireOutbox(context: AppLoadContext): Promise<OutboxMessage[]> {
  const { env } = context.app;
  if (env.isProduction || env.SMTP_URL) throw new Response("Not found", { status: 404 });
  return readOutbox(env);
}

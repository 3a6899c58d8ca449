import fs from "node:fs/promises";
import path from "node:path";
import type { Env } from "../env";

export interface OutboxMessage {
  messageId: string;
  sentAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Newest first. Development only: the outbox does not exist when SMTP_URL is set. */
export async function readOutbox(env: Env, { limit = 50 }: { limit?: number } = {}): Promise<OutboxMessage[]> {
  const dir = path.join(env.DATA_DIR, "outbox");
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith(".json"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  names.sort().reverse();
  const messages = await Promise.all(
    names.slice(0, limit).map(async (name) => JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as OutboxMessage),
  );
  return messages;
}

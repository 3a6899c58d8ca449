import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Env } from "../env";
import { DrpError } from "./drp-error";
import { importVerifyKey } from "./open-signed-message";

/** One agent as the DRP service directory publishes it (agents.json); other keys are ignored. */
const DirectoryAgentSchema = z.object({
  id: z.string().min(1).max(191),
  name: z.string().min(1).max(200),
  verify_key: z.string().refine((k) => importVerifyKey(k) !== null, { message: "must be a base64 Ed25519 public key" }),
  web_url: z.string().max(2048).optional(),
  technical_contact: z.string().max(320).optional(),
});
export type DirectoryAgent = z.infer<typeof DirectoryAgentSchema>;
const DirectorySchema = z.array(DirectoryAgentSchema);

/**
 * How long a loaded directory is trusted before it is read again. Short enough that an agent the
 * consortium removes (or whose key it rotates) stops working within minutes, long enough that an
 * agent's burst of requests reads the file or URL once.
 */
const CACHE_MS = 5 * 60_000;
const cache = new WeakMap<Env, { at: number; agents: Map<string, DirectoryAgent> }>();

/**
 * The trusted agents, by DRP agent id, from DRP_DIRECTORY (a file, or an http(s) URL in the
 * published agents.json format). This is the trust root: only keys listed here can sign (DRP 1.0
 * §1.03). Throws DrpError 404 when DRP is not configured, 503 when the directory cannot be read
 * or is malformed (nothing is trusted from a half-read list).
 */
export async function loadDrpDirectory(env: Env, now = Date.now()): Promise<Map<string, DirectoryAgent>> {
  if (!env.DRP_DIRECTORY) throw new DrpError(404, "The Data Rights Protocol is not enabled here.", { fatal: true });
  const cached = cache.get(env);
  if (cached && now - cached.at < CACHE_MS) return cached.agents;
  let parsed: z.ZodSafeParseResult<DirectoryAgent[]>;
  try {
    parsed = DirectorySchema.safeParse(JSON.parse(await readDirectoryText(env.DRP_DIRECTORY)));
  } catch {
    throw new DrpError(503, "The agent directory is unavailable; try again later.");
  }
  if (!parsed.success) throw new DrpError(503, "The agent directory is unavailable; try again later.");
  const agents = new Map(parsed.data.map((a) => [a.id, a]));
  cache.set(env, { at: now, agents });
  return agents;
}

/** Forgets the cached directory, so the next call reads it again (ops "reload", tests). */
export function clearDrpDirectoryCache(env: Env): void {
  cache.delete(env);
}

async function readDirectoryText(location: string): Promise<string> {
  if (!/^https?:\/\//i.test(location)) return fs.readFile(path.resolve(location), "utf8");
  const response = await fetch(location, { signal: AbortSignal.timeout(10_000), redirect: "error" });
  if (!response.ok) throw new Error(`directory HTTP ${response.status}`);
  return response.text();
}

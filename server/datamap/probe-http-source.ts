import type { SourceEnv } from "./cross-check-datamap";
import type { HttpSource } from "./datamap-schema";

/**
 * Whether an API source answers at its base URL with the credentials from the environment. Any
 * answer below 500 other than 401/403 counts as reachable: the base URL itself need not be a
 * resource. Returns a problem message, or null when reachable. Never echoes the URL's secrets.
 */
export async function probeHttpSource(source: HttpSource, env: SourceEnv, timeoutMs = 5000): Promise<string | null> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (source.connection.authHeaderEnv) headers[source.connection.authHeaderName ?? "authorization"] = String(env[source.connection.authHeaderEnv] ?? "");
  let url: URL;
  try {
    url = new URL(String(env[source.connection.urlEnv]));
  } catch {
    return `environment variable ${source.connection.urlEnv} does not hold a usable URL`;
  }
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel().catch(() => {});
    if (response.status === 401 || response.status === 403) return `${url.origin} refused the credentials in ${source.connection.authHeaderEnv ?? "(none)"} (HTTP ${response.status})`;
    if (response.status >= 500) return `${url.origin} answered HTTP ${response.status}`;
    return null;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    if (e.name === "TimeoutError") return `${url.origin} did not answer within ${timeoutMs} ms`;
    return `${url.origin} is not reachable (${e.cause?.code ?? e.name})`;
  }
}

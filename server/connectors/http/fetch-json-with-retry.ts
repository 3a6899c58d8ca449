import { setTimeout as sleep } from "node:timers/promises";
import { ConnectorError } from "../connector-types";

export interface FetchJsonOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  notFoundMeansNoRecords: boolean;
  /** For messages: the dataset id. The URL is never put in a message (it holds the identifier). */
  what: string;
}

export type FetchJsonResult = { found: true; body: unknown } | { found: false };

/**
 * GET a JSON document with a timeout per attempt and bounded retries with exponential backoff on
 * timeouts, network errors, 429 and 5xx. Other 4xx fail at once: retrying a bad request or a
 * refused credential cannot help. After the last attempt it throws a ConnectorError whose code
 * (ETIMEDOUT, HTTP_503, ECONNREFUSED...) becomes the source's errorCode; a timed-out source makes
 * the collection incomplete (11 CCR 7024(h)-(i); X22), never silently partial.
 */
export async function fetchJsonWithRetry(url: string, options: FetchJsonOptions): Promise<FetchJsonResult> {
  let last = new ConnectorError("HTTP_FAILED", `${options.what}: request failed`);
  for (let attempt = 0; attempt <= options.retries; attempt += 1) {
    if (attempt > 0) await sleep(Math.min(2000, 100 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 50));
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: "application/json", ...options.headers }, signal: AbortSignal.timeout(options.timeoutMs), redirect: "error" });
    } catch (error) {
      last = networkError(error, options, attempt);
      continue;
    }
    if (response.ok) {
      try {
        return { found: true, body: await response.json() };
      } catch (error) {
        last = (error as Error).name === "TimeoutError" ? networkError(error, options, attempt) : new ConnectorError("HTTP_BAD_JSON", `${options.what}: response is not JSON`);
        if (last.code !== "ETIMEDOUT") throw last;
        continue;
      }
    }
    await response.body?.cancel().catch(() => {});
    if (response.status === 404 && options.notFoundMeansNoRecords) return { found: false };
    last = new ConnectorError(`HTTP_${response.status}`, `${options.what}: HTTP ${response.status} after ${attempt + 1} attempt(s)`);
    if (response.status !== 429 && response.status < 500) throw last;
  }
  throw last;
}

function networkError(error: unknown, options: FetchJsonOptions, attempt: number): ConnectorError {
  const e = error as Error & { cause?: { code?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") {
    return new ConnectorError("ETIMEDOUT", `${options.what}: no answer within ${options.timeoutMs} ms (${attempt + 1} attempt(s))`);
  }
  const code = typeof e.cause?.code === "string" && /^[A-Z0-9_]{2,40}$/.test(e.cause.code) ? e.cause.code : "HTTP_NETWORK";
  return new ConnectorError(code, `${options.what}: network error ${code} (${attempt + 1} attempt(s))`);
}

import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { ErrorRequestHandler, NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { Logger } from "../lib/logger";
import { bodyLimitFor, boundedBody, isBodyTooLarge } from "./body-limits";
import { createRefusalBuild, type HttpRefusal } from "./refusal-build";

export interface RemixHandlerOptions {
  build: ServerBuild;
  mode: "production" | "development";
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  logger: Logger;
}

/** What the document cache (ADR 052) reads of a request: no more, so it needs no web Request. */
export interface DocumentVisit {
  method: string;
  /** The path as sent, before any decoding or normalising. */
  pathname: string;
  /** "" when the URL has no "?" at all. */
  search: string;
  cookie: string | null;
  acceptLanguage: string | null;
}

/** A whole page the app answered from its document cache. */
export interface CachedDocument {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/**
 * Exported by the app's entry module (app/entry.server.tsx): the page for this visit without a
 * render, or null to render it. The app decides which pages qualify; see ADR 052.
 */
export type ServeCachedDocument = (visit: DocumentVisit, context: AppLoadContext) => Promise<CachedDocument | null>;

/** Methods a web Request can carry and the Remix router answers; any other is refused with 405 first. */
const REQUEST_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * The Remix request handler of @remix-run/express, with two differences (ADR 033):
 * - the body Remix reads is bounded (body-limits.ts): past its limit the stream errors, the form
 *   reader answers 413, and the connection is closed after the answer instead of reading on;
 * - a request the HTTP layer refused (res.locals.refusal: over-limit Content-Length, rate limit,
 *   odd method, cross-origin form post, bad encoding) is answered by the refusal build: the normal
 *   page in the visitor's language with a message, and no route code runs.
 */
export function createRemixHandler({ build, mode, getLoadContext, logger }: RemixHandlerOptions): { handler: (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => Promise<void>; errorHandler: ErrorRequestHandler } {
  const handle = createRequestHandler(build, mode);
  const serveCached = (build.entry.module as { serveCachedDocument?: ServeCachedDocument }).serveCachedDocument;
  const handleRefusal = createRequestHandler(createRefusalBuild(build), mode);
  const refuse = async (req: ExpressRequest, res: ExpressResponse, refusal: HttpRefusal): Promise<void> => {
    if (!req.complete) discardRestBriefly(req, res);
    await sendRemixResponse(res, await handleRefusal(toRefusedRequest(req, res), { ...getLoadContext(req, res), refusal }));
  };
  const handler = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    try {
      const refusal = res.locals.refusal as HttpRefusal | undefined;
      if (refusal) return await refuse(req, res, refusal);
      const context = getLoadContext(req, res);
      // An anonymous page already rendered once: the stored document with this response's nonce
      // and CSRF token (ADR 052), without Remix's Request/Response plumbing or React.
      if (serveCached && req.method === "GET") {
        const cached = await serveCached(documentVisit(req), context);
        if (cached) return sendCachedDocument(res, cached);
      }
      let cut = false;
      const request = toRemixRequest(req, res, () => (cut = true));
      const response = await handle(request, context);
      // The body crossed its limit while a route read it: whatever the route made of the broken
      // stream (its own 400, a 413 without the root's data), the visitor gets the 413 page.
      if (cut) {
        await response.body?.cancel();
        return await refuse(req, res, { status: 413 });
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
  // Whatever still fails outside the routes (a body cut while a parser read it, a malformed header a
  // library chokes on) gets one log line and the same page, with a 4xx when the client caused it.
  const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const status = clientErrorStatus(error);
    const log = { requestId: res.locals.requestId as unknown, method: req.method, path: req.path, status, error: (error as Error | null)?.name ?? typeof error };
    if (status === 500) logger.error({ ...log, stack: (error as Error | null)?.stack }, "request failed");
    else logger.warn(log, "request refused");
    if (res.headersSent) return void res.destroy();
    refuse(req, res, { status }).catch((renderError: unknown) => {
      logger.error({ requestId: res.locals.requestId as unknown, error: (renderError as Error | null)?.name }, "refusal page failed");
      if (res.headersSent) return void res.destroy();
      res.status(status).type("text/plain").send(status === 500 ? "Something went wrong." : "Bad request.");
    });
    void next;
  };
  return { handler, errorHandler };
}

/**
 * A refused body is not read, but closing the socket at once would make the client's next write
 * fail (EPIPE/RST) before it reads our answer, so no one would see the page. After the answer the
 * rest is read and thrown away (no memory held) for at most LINGER_MS, then the connection is cut.
 */
const LINGER_MS = 2000;
function discardRestBriefly(req: ExpressRequest, res: ExpressResponse): void {
  // No "Connection: close": Node would then close the socket as soon as the answer is written.
  res.once("finish", () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.resume();
  });
}

/** The 4xx a client's own mistake deserves; 500 for anything else. */
function clientErrorStatus(error: unknown): number {
  if (isBodyTooLarge(error)) return 413;
  if (error instanceof URIError) return 400;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : 500;
}

/** The Express request as a web Request for Remix, abortable once the client went away. */
function toRemixRequest(req: ExpressRequest, res: ExpressResponse, onCut: () => void): Request {
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: createRemixHeaders(req.headers), signal: abortOnClose(res) };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = boundedBody(req, bodyLimitFor(req.get("content-type")), onCut);
    init.duplex = "half";
  }
  return new Request(requestUrl(req), init);
}

/**
 * The refused request as Remix sees it: no body, no Origin (Remix's own origin check would throw
 * before our refusal), as a GET for a page load (TRACE and WebDAV verbs too: the page still renders,
 * its status says 405).
 */
function toRefusedRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const headers = createRemixHeaders(req.headers);
  headers.delete("origin");
  headers.delete("content-length");
  headers.delete("content-type");
  headers.delete("transfer-encoding");
  // A page load is refused as a GET of the same page: the root loader still runs (language, business
  // name) and no action is looked for (a POST to "/" would be a 405). A client-side data request
  // keeps its method, so single fetch answers in the form the client expects (an action's result).
  const url = new URL(requestUrl(req));
  const method = url.pathname.endsWith(".data") && REQUEST_METHODS.has(req.method) && req.method !== "HEAD" ? req.method : "GET";
  // A path that cannot be decoded would make the router warn and match nothing: show the page at "/".
  if (!isDecodable(url.pathname)) url.pathname = "/";
  return new Request(url.href, { method, headers, signal: abortOnClose(res) });
}

function isDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function createRemixHeaders(source: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(source)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

function documentVisit(req: ExpressRequest): DocumentVisit {
  const url = req.originalUrl;
  const query = url.indexOf("?");
  return {
    method: req.method,
    pathname: query === -1 ? url : url.slice(0, query),
    search: query === -1 ? "" : url.slice(query),
    cookie: req.headers.cookie ?? null,
    acceptLanguage: req.headers["accept-language"] ?? null,
  };
}

function sendCachedDocument(res: ExpressResponse, document: CachedDocument): void {
  res.status(document.status);
  for (const [name, value] of document.headers) res.append(name, value);
  res.end(document.body);
}

/** As the Express adapter's sendRemixResponse. */
async function sendRemixResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function requestUrl(req: ExpressRequest): string {
  // As the Express adapter: the host Express resolved (TRUST_PROXY) and the original path.
  const port = /:(\d+)$/.exec(req.get("x-forwarded-host") ?? req.get("host") ?? "")?.[1];
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

function abortOnClose(res: ExpressResponse): AbortSignal {
  const controller = new AbortController();
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => {
    if (!finished) controller.abort();
  });
  return controller.signal;
}

export { REQUEST_METHODS };

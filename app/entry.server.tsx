import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { getCsrfToken } from "./lib/csrf.server";
import { rememberDocument } from "./lib/document-cache.server";

// The HTTP layer asks this first for a GET (server/http/remix-handler.ts, ADR 052).
export { serveCachedDocument } from "./lib/document-cache.server";

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document, then sends it in one piece with its Content-Length. No page defers
 * data or suspends, so streaming the shell first would only split a ~15 kB page into many small
 * writes (each flushed separately by the compression middleware, and each a web-stream read in
 * Remix's adapter): under load that cost more than the render itself (bench/http.ts). A page
 * that starts to stream for real (defer/Await) should go back to piping on onShellReady.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const nonce = loadContext.cspNonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are rejected above and logged by Remix's handler.
          if (shellRendered) console.error(error instanceof Error ? error.message : "render error");
        },
      },
    );
    document.once("finish", () => {
      clearTimeout(timer);
      const body = Buffer.concat(chunks);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      responseHeaders.set("Content-Length", String(body.length));
      // Offered to the document cache (ADR 052): kept only for an anonymous page that two renders
      // agree on. A failure there only means the next visit is rendered too, so it never fails this one.
      const url = new URL(request.url);
      const handlerContext = remixContext.staticHandlerContext;
      rememberDocument({
        visit: { method: request.method, pathname: url.pathname, search: url.search, cookie: request.headers.get("Cookie"), acceptLanguage: request.headers.get("Accept-Language") },
        status: responseStatusCode,
        plain: !handlerContext.errors && !handlerContext.actionData && loadContext.refusal === undefined,
        headers: responseHeaders,
        body,
        nonce,
        csrf: () => getCsrfToken(request, loadContext),
      })
        .catch(() => {})
        .finally(() => resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode })));
    });
    // React starts rendering on a later tick, so the callbacks above never run before this line.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors of loaders, actions and the router, logged as one line each (issue 16 item 3): a client's
 * mistake that the router answers itself (a POST where no page has an action: 405; 404) is a
 * warning without a stack; a real failure keeps its stack inside the one JSON line. Nothing is
 * logged for a client that went away. Messages may quote the path, never a body or a field.
 */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }): void {
  if (request.signal.aborted) return;
  const logger = context.app.logger;
  const at = { method: request.method, path: new URL(request.url).pathname };
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.warn({ ...at, status: error.status }, "request refused by the router");
    return;
  }
  const failure = error instanceof Error ? error : new Error(String(error));
  logger.error({ ...at, error: failure.name, stack: failure.stack }, "request failed");
}

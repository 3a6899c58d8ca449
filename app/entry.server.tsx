import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";

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
      resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
    });
    // React starts rendering on a later tick, so the callbacks above never run before this line.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

import type { IncomingMessage } from "node:http";
import { MAX_AUTHORIZATION_BYTES } from "../agents/agent-policy";

/**
 * Request-body limits of the pages (issue 16 item 1, ADR 033). Enforced in the HTTP layer, on the
 * bytes as they arrive, before any parser runs: a form is text typed by a person, so 64 KB is far
 * above any real one; the only multipart form (an agent's request with its signed permission) is
 * one document of at most MAX_AUTHORIZATION_BYTES plus its text fields. The DRP API keeps its own
 * 64 KB limit (server/drp/create-drp-router.ts).
 */
export const FORM_BODY_LIMIT = 64 * 1024;
export const MULTIPART_BODY_LIMIT = MAX_AUTHORIZATION_BYTES + FORM_BODY_LIMIT;
/** Parts of one multipart body, fields and files together: the agent form has about 20. */
export const MULTIPART_MAX_PARTS = 64;

/** Thrown into the body stream when it crosses its limit; readers answer 413 (isBodyTooLarge). */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes or ${MULTIPART_MAX_PARTS} parts`);
  }
}

/** True for a BodyTooLargeError, also when a parser wrapped it (as `cause`) or re-created it by name. */
export function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === "BodyTooLargeError") return true;
  }
  return false;
}

/** The byte limit for a body of this Content-Type. */
export function bodyLimitFor(contentType: string | undefined): number {
  return /^\s*multipart\//i.test(contentType ?? "") ? MULTIPART_BODY_LIMIT : FORM_BODY_LIMIT;
}

/** The declared length, when the client declared one that can be read. */
export function declaredLength(req: IncomingMessage): number | null {
  const value = req.headers["content-length"];
  return value !== undefined && /^\d{1,16}$/.test(value) ? Number(value) : null;
}

/** Counts multipart delimiters as bytes pass, across chunk edges, without buffering the body. */
function partCounter(contentType: string | undefined): (chunk: Buffer) => number {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? "");
  if (!/^\s*multipart\//i.test(contentType ?? "") || !boundary) return () => 0;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let tail = Buffer.alloc(0);
  let count = 0;
  return (chunk) => {
    const data = Buffer.concat([tail, chunk]);
    for (let at = data.indexOf(delimiter); at !== -1; at = data.indexOf(delimiter, at + delimiter.length)) count++;
    tail = data.subarray(Math.max(0, data.length - delimiter.length + 1));
    // The tail may hold the start of a delimiter counted already only if it is shorter than one.
    return count;
  };
}

/**
 * The request's body as a web stream that errors with BodyTooLargeError at the first chunk past
 * `limit` bytes (or past MULTIPART_MAX_PARTS parts). Reading from the socket follows the reader
 * (back-pressure), so a slow parser never makes the process buffer what the client sends; past the
 * limit the socket is paused and `onExceeded` decides the connection's fate.
 */
export function boundedBody(req: IncomingMessage, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  const countParts = partCounter(req.headers["content-type"]);
  let received = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: unknown): void => {
          if (done) return;
          done = true;
          req.off("data", onData);
          if (error) controller.error(error);
          else controller.close();
        };
        const onData = (chunk: Buffer): void => {
          if (done) return;
          received += chunk.length;
          // A part count one above the cap: the closing delimiter counts too.
          if (received > limit || countParts(chunk) > MULTIPART_MAX_PARTS + 1) {
            req.pause();
            finish(new BodyTooLargeError(limit));
            onExceeded();
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        req.on("data", onData);
        req.once("end", () => finish());
        req.once("error", (error) => finish(error));
        req.once("close", () => finish(new Error("request closed before its body ended")));
      },
      pull() {
        if (!done) req.resume();
      },
      cancel() {
        done = true;
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

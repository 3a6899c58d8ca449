import { isBodyTooLarge } from "../../server/http/body-limits";
import { refusalResponse } from "../../server/http/refusal-build";

/**
 * A body the HTTP layer cut at its limit (server/http/body-limits.ts, ADR 033) becomes a 413 with
 * the refusal page's data, in the visitor's language, instead of a parse error.
 */
export function throwIfBodyTooLarge(error: unknown): void {
  if (isBodyTooLarge(error)) throw refusalResponse({ status: 413 });
}

/**
 * The submitted form of an action. A body that is not a form (no or another Content-Type, a broken
 * multipart body) is the client's mistake: it gets 400 with a plain message instead of the 500
 * that `request.formData()`'s TypeError would become, and the action changes nothing.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    throwIfBodyTooLarge(error);
    throw new Response("The request did not carry a form. Send it from the page again.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

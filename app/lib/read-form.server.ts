/**
 * The submitted form of an action. A body that is not a form (no or another Content-Type, a broken
 * multipart body) is the client's mistake: it gets 400 with a plain message instead of the 500
 * that `request.formData()`'s TypeError would become, and the action changes nothing.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The request did not carry a form. Send it from the page again.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

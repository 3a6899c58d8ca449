import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, type PortalProcess } from "../../support/portal-process";
import { postStreamedBody, treeRssKb, type StreamedAnswer } from "../../support/stream-body";

// Issue 16 item 1 (ADR 033): bodies are bounded in the HTTP layer before anything parses them:
// urlencoded forms 64 KB, multipart 10 MB + 64 KB with at most 64 parts. A declared Content-Length
// over the limit is refused before the body is read; a chunked body is cut where it crosses the
// limit. Before this, a 300 MB anonymous POST to /language was read whole (RSS +666 MB, kept).
// The HTTP layer holds no data: one dialect (SQLite) is enough here.

const MB = 1024 * 1024;
const FORM = "application/x-www-form-urlencoded";
const ES_TITLE = "Eso es más de lo que acepta este formulario";
const EN_TITLE = "That was more than this form accepts";

describe.each(testDialects().slice(0, 1))("request body limits, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { RATE_LIMITS: "relaxed" });
  }, 60_000);
  afterAll(() => portal.cleanup());

  it.each(["/language", "/request", "/verify", "/ops/login", "/agent/login", "/agent/register", "/", "/requests/01hzzzzzzzzzzzzzzzzzzzzzzz"])(
    "a declared 30 MB form to %s is refused with 413 before its body is read",
    async (pathname) => {
      const res = await postStreamedBody(portal.port, pathname, { size: 30 * MB, chunked: false, contentType: FORM });
      expect(res.status).toBe(413);
      expect(res.body).toContain(EN_TITLE);
      // The answer came before the test had sent more than what fits in the sockets' buffers.
      expect(res.bytesSentBeforeAnswer).toBeLessThan(8 * MB);
      expect(res.msToAnswer).toBeGreaterThanOrEqual(0);
    },
  );

  it("a declared 30 MB multipart form (the agent's upload) is refused with 413 at once", async () => {
    const res = await postStreamedBody(portal.port, "/agent/requests/new", { size: 30 * MB, chunked: false, contentType: "multipart/form-data; boundary=x" });
    expect(res.status).toBe(413);
    expect(res.bytesSentBeforeAnswer).toBeLessThan(8 * MB);
  });

  it("a chunked 30 MB form is cut where it crosses 64 KB, answered in the request's language", async () => {
    const res = await postStreamedBody(portal.port, "/language", { size: 30 * MB, chunked: true, contentType: FORM, headers: { "accept-language": "es" } });
    expect(res.status).toBe(413);
    expect(res.body).toContain(ES_TITLE);
    expect(res.body).toContain('<html lang="es"');
    // What sat in socket buffers when the cut came is all that was sent beyond the limit.
    expect(res.bytesSentBeforeAnswer).toBeLessThan(8 * MB);
  });

  it("a multipart body over 64 parts is refused with 413 although it is small", async () => {
    const parts = Array.from({ length: 200 }, (_, i) => `--x\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("") + "--x--\r\n";
    const res = await sendRequest(portal.port, "POST", "/request", { headers: { "content-type": "multipart/form-data; boundary=x" }, body: parts });
    expect(res.status).toBe(413);
  });

  it("a form under the limit is still read (here refused for its missing CSRF token, not its size)", async () => {
    const res = await sendRequest(portal.port, "POST", "/language", { headers: { "content-type": FORM }, body: `lang=es&redirectTo=/${"a".repeat(60 * 1024)}` });
    expect(res.status).toBe(403);
  });

  it("300 MB bodies, declared and chunked, leave the portal's memory where it was", async () => {
    const pid = portal.child.pid!;
    // A body the server will not read is cut after the answer; the client, still writing, may see
    // only the reset (status 0 here). What this test measures is the server's memory.
    const tolerant = (answer: Promise<StreamedAnswer>) =>
      answer.catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE" && error.code !== "ECONNRESET") throw error;
        return { status: 0, bytesSentBeforeAnswer: 0, msToAnswer: -1 } as StreamedAnswer;
      });
    // Warm the paths once so lazily loaded code is not counted as growth.
    await tolerant(postStreamedBody(portal.port, "/language", { size: 1 * MB, chunked: true, contentType: FORM }));
    await postStreamedBody(portal.port, "/request", { size: 1 * MB, chunked: false, contentType: FORM });
    const before = treeRssKb(pid);
    const chunked = await tolerant(postStreamedBody(portal.port, "/language", { size: 300 * MB, chunked: true, contentType: FORM }));
    const declared = await postStreamedBody(portal.port, "/request", { size: 300 * MB, chunked: false, contentType: FORM });
    // The agent page redirects a visitor without a session before reading anything.
    const multipart = await tolerant(postStreamedBody(portal.port, "/agent/requests/new", { size: 300 * MB, chunked: true, contentType: "multipart/form-data; boundary=x" }));
    const after = treeRssKb(pid);
    expect([0, 413]).toContain(chunked.status);
    expect(declared.status).toBe(413);
    expect([0, 302, 413]).toContain(multipart.status);
    expect(chunked.bytesSentBeforeAnswer + declared.bytesSentBeforeAnswer).toBeLessThan(16 * MB);
    console.info(`portal RSS ${Math.round(before / 1024)} MB -> ${Math.round(after / 1024)} MB; answers in ${chunked.msToAnswer} / ${declared.msToAnswer} / ${multipart.msToAnswer} ms`);
    expect(after - before).toBeLessThan(48 * 1024);
    // Still serving.
    expect((await sendRequest(portal.port, "GET", "/healthz")).status).toBe(200);
  }, 60_000);
});

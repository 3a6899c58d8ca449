import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, type PortalProcess } from "../../support/portal-process";

// Issue 16 item 6: over the per-IP limit a consumer saw "Something went wrong... reference: 500"
// although the server had answered 429 with Retry-After (plain text Remix could not show). Now a
// page load gets the normal page in the request's language saying how long to wait, and a
// client-side data request (single fetch `.data`) gets the error the client router shows in that
// page (tests/e2e/refusals.spec.ts shows both in Chromium). The limits hold no data: SQLite only.

describe.each(testDialects().slice(0, 1))("the rate-limit page, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { RATE_LIMITS: "on" });
  }, 60_000);
  afterAll(() => portal.cleanup());

  it("[X3]: the 11th code form post in a minute answers 429 with Retry-After and a Spanish page saying how long to wait", async () => {
    const post = () => sendRequest(portal.port, "POST", "/verify", { headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "es" }, body: "email=a%40b.example" });
    for (let i = 0; i < 10; i++) expect((await post()).status).not.toBe(429);
    const res = await fetch(`http://127.0.0.1:${portal.port}/verify`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "es" },
      body: "email=a%40b.example",
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const html = await res.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Espere un momento, por favor");
    expect(html).toMatch(/Espere \d+ segundos?, y vuelva a intentarlo|Espere \d+ segundos? y vuelva a intentarlo/);
    expect(html).not.toContain("Algo salió mal");
  });

  it("over the page-load limit, a page and a client-side data request both carry the wait, not a 500", async () => {
    const base = `http://127.0.0.1:${portal.port}`;
    // 300 page loads a minute is the general tier: use it up (in small parallel batches).
    for (let sent = 0; sent < 300; sent += 20) {
      await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/no-such-page`).then((r) => r.arrayBuffer())));
    }
    const page = await fetch(`${base}/request`, { headers: { "accept-language": "en" } });
    expect(page.status).toBe(429);
    const html = await page.text();
    expect(html).toContain("Please wait a moment");
    expect(html).toMatch(/Please wait \d+ seconds?, then try again/);

    const data = await fetch(`${base}/request.data`);
    expect(data.status).toBe(429);
    expect(data.headers.get("x-remix-response")).toBe("yes");
    expect(data.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = await data.text();
    // The turbo-stream the client router decodes into the route error: the refusal, not a 500.
    expect(body).toContain("refusal");
    expect(body).toContain("retryAfterSeconds");
    expect(body).not.toContain("Unexpected Server Error");
  }, 60_000);
});

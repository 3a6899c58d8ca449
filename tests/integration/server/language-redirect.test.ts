import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameSitePath } from "~/lib/same-site-path.server";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, type PortalProcess } from "../../support/portal-process";

// Issue 16 item 3: POST /language took `redirectTo=/\evil.example` (a browser resolves it to
// https://evil.example/) and had no CSRF token. The return address is now parsed against the
// portal's origin and must stay on it; the form carries the token the root loader mints.

const PORTAL = "http://127.0.0.1:3000";

describe("sameSitePath", () => {
  it.each(["/\\evil.example", "\\\\evil.example", "//evil.example", "/\\/evil.example", "https://evil.example/", "http://127.0.0.1:3000.evil.example/", "/%0a/evil", "/\nLocation: x", " /request", "javascript:alert(1)", "", null, 42])(
    "refuses %j",
    (target) => {
      const path = sameSitePath(target, PORTAL);
      expect(path).toBe(target === "/%0a/evil" ? "/%0a/evil" : "/");
      expect(new URL(path, "https://portal.example").origin).toBe("https://portal.example");
    },
  );
  it.each(["/", "/request?lang=es", "/requests/01hzzzzzzzzzzzzzzzzzzzzzzz#status", "/a/../verify"])("keeps the site path %s", (target) => {
    expect(new URL(sameSitePath(target, PORTAL), PORTAL).origin).toBe(new URL(PORTAL).origin);
    expect(sameSitePath(target, PORTAL)).not.toBe("");
  });
});

describe.each(testDialects().slice(0, 1))("POST /language, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { RATE_LIMITS: "relaxed" });
  }, 60_000);
  afterAll(() => portal.cleanup());

  async function pageWithToken(): Promise<{ cookie: string; token: string }> {
    const res = await fetch(`http://127.0.0.1:${portal.port}/`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const html = await res.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    return { cookie, token: token! };
  }

  it("without the CSRF token it changes nothing: 403, no language cookie", async () => {
    const res = await sendRequest(portal.port, "POST", "/language", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "lang=es&redirectTo=/request" });
    expect(res.status).toBe(403);
  });

  it("with the token from the page it switches, and an off-site return address becomes /", async () => {
    const { cookie, token } = await pageWithToken();
    for (const target of ["/\\evil.example", "//evil.example", "https://evil.example/"]) {
      const res = await fetch(`http://127.0.0.1:${portal.port}/language`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ lang: "es", redirectTo: target, csrf: token }).toString(),
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
      expect(res.headers.getSetCookie().join()).toContain("lang=");
    }
    const home = await fetch(`http://127.0.0.1:${portal.port}/language`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ lang: "en", redirectTo: "/request?x=1", csrf: token }).toString(),
    });
    expect(home.headers.get("location")).toBe("/request?x=1");
  });

  it("TRACE, GET /% and a cross-origin POST answer 4xx with the normal page", async () => {
    const trace = await sendRequest(portal.port, "TRACE", "/");
    expect(trace.status).toBe(405);
    expect(trace.body).toContain("We could not read that request");
    const percent = await sendRequest(portal.port, "GET", "/%");
    expect(percent.status).toBe(400);
    expect(percent.body).toContain('<header class="site-header">');
    const nul = await sendRequest(portal.port, "GET", "/verify?email=a%00b");
    expect(nul.status).toBe(400);
    const cross = await sendRequest(portal.port, "POST", "/request", { headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" }, body: "email=a" });
    expect(cross.status).toBe(403);
    expect(cross.body).toContain("That form came from another website");
    expect(portal.stderr()).not.toMatch(/\n\s+at /);
  });
});

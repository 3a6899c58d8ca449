import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../server/env";
import { createConsumerWithSession } from "../../support/consumer-with-session";
import { testDialects } from "../../support/dialects";
import { startListeningPortal, type PortalProcess } from "../../support/portal-process";

// Issue 18 item 5, ADR 052: the anonymous pages (/, /request) are rendered twice, then served from
// a stored document with this response's CSP nonce and CSRF token put back. What a visitor must
// still get: a nonce of their own in the header and in every inline script, a CSRF token bound to
// their own nonce cookie (and no one else's), their language; and a visitor with a session never
// gets a stored page. The cache holds no data of its own: SQLite only.

interface Page {
  status: number;
  html: string;
  nonce: string;
  token: string;
  cookie: string;
  setCookies: string[];
}

describe.each(testDialects().slice(0, 1))("stored anonymous pages, on $name", (dialect) => {
  let portal: PortalProcess;
  let base: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-document-cache-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, "portal.sqlite")}`, RATE_LIMITS: "relaxed" };

  beforeAll(async () => {
    portal = await startListeningPortal(dialect, env);
    base = `http://127.0.0.1:${portal.port}`;
  }, 60_000);
  afterAll(async () => {
    await portal.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function get(pathname: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(`${base}${pathname}`, { headers, redirect: "manual" });
    const html = await res.text();
    const setCookies = res.headers.getSetCookie();
    return {
      status: res.status,
      html,
      nonce: /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? "",
      token: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "",
      cookie: setCookies.map((c) => c.split(";")[0]).join("; "),
      setCookies,
    };
  }

  /** Posts the request form with a CSRF token and cookies, fields left empty: 403 = token refused, 400 = form checked. */
  async function postForm(token: string, cookie: string): Promise<number> {
    const res = await fetch(`${base}/request`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrf: token }).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }

  it("every answer of /request, stored or rendered, has its own CSP nonce in the header and in every inline script", async () => {
    const pages: Page[] = [];
    for (let i = 0; i < 6; i++) pages.push(await get("/request"));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const scriptNonces = [...page.html.matchAll(/<script nonce="([^"]*)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([page.nonce]));
      expect(page.html).not.toContain("\u0000");
    }
    expect(new Set(pages.map((p) => p.nonce)).size).toBe(pages.length);
    // Apart from the nonce and the token, the stored pages are the rendered page byte for byte.
    const normalised = pages.map((p) => p.html.split(p.nonce).join("NONCE").split(p.token).join("TOKEN"));
    expect(new Set(normalised).size).toBe(1);
  });

  it("a cookieless visitor gets a fresh CSRF nonce cookie and a token that works with it and with no other visitor's cookie", async () => {
    const pages: Page[] = [];
    for (let i = 0; i < 5; i++) pages.push(await get("/request"));
    for (const page of pages) {
      expect(page.setCookies).toHaveLength(1);
      expect(page.cookie).toMatch(/^rtk_csrf=/);
      // Both forms (the language switch, the request form) and the page's data carry the same token.
      expect(page.html.split(page.token).length - 1).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(pages.map((p) => p.token)).size).toBe(pages.length);
    expect(new Set(pages.map((p) => p.cookie)).size).toBe(pages.length);
    const [, , third, fourth, fifth] = pages as [Page, Page, Page, Page, Page];
    expect(await postForm(fifth.token, fifth.cookie)).toBe(400);
    expect(await postForm(third.token, third.cookie)).toBe(400);
    expect(await postForm(fifth.token, fourth.cookie)).toBe(403);
    expect(await postForm(fifth.token, "")).toBe(403);
  });

  it("a visitor whose browser kept the nonce cookie gets the token of that nonce and no new cookie", async () => {
    const first = await get("/request");
    for (let i = 0; i < 3; i++) {
      const again = await get("/request", { cookie: first.cookie });
      expect(again.setCookies).toEqual([]);
      expect(again.token).toBe(first.token);
      expect(again.nonce).not.toBe(first.nonce);
    }
  });

  it("each language gets its own page, by cookie or Accept-Language, on / and /request", async () => {
    // The language cookie as the /language action sets it (a Remix cookie: JSON, base64).
    const spanish = (await createCookie("lang").serialize("es")).split(";")[0]!;
    for (const pathname of ["/", "/request"]) {
      for (let i = 0; i < 3; i++) {
        expect((await get(pathname, { "accept-language": "es-MX,es;q=0.9" })).html).toContain('<html lang="es"');
        expect((await get(pathname, { cookie: spanish })).html).toContain('<html lang="es"');
        expect((await get(pathname)).html).toContain('<html lang="en"');
        expect((await get(pathname, { cookie: spanish, "accept-language": "en" })).html).toContain('<html lang="es"');
      }
    }
  });

  it("a query string is rendered, not stored: the language switch returns to the page with it", async () => {
    for (let i = 0; i < 3; i++) await get("/request");
    const page = await get("/request?from=mail");
    expect(page.html).toContain('name="redirectTo" value="/request?from=mail"');
    expect((await get("/request")).html).toContain('name="redirectTo" value="/request"');
  });

  it("a visitor with a consumer session never gets a stored page: the token is bound to their session", async () => {
    const { id, cookie } = await consumerWithSession();
    for (let i = 0; i < 3; i++) await get("/request");
    for (let i = 0; i < 3; i++) {
      const page = await get("/request", { cookie });
      expect(page.status).toBe(200);
      // No nonce cookie is minted for them: the session is the binding, and it is accepted alone.
      expect(page.setCookies).toEqual([]);
      expect(await postForm(page.token, cookie)).toBe(400);
      // Their status page is theirs only: anyone else gets the code sign-in page there (X10).
      const own = await get(`/requests/${id}`, { cookie });
      expect(own.status).toBe(200);
      expect(own.html).toContain(id);
      const other = await get(`/requests/${id}`);
      expect(other.status).toBe(200);
      expect(other.html).not.toContain(`<span class="mono">${id}</span>`);
    }
  });

  /** A request with a consumer session in the portal's database; returns the session cookie. */
  function consumerWithSession(): Promise<{ id: string; cookie: string }> {
    return createConsumerWithSession(parseEnv({ ...env, NODE_ENV: "test", DEMO_SEED: "off" }), "Cache Tester");
  }

});

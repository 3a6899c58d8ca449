import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { startListeningPortal, type PortalProcess } from "../../support/portal-process";

// Issue 16 item 3: odd requests (TRACE, `GET /%`, %00/%0A in parameters, cross-origin posts) gave
// 500s and stack traces. This suite sends every route of app/routes a bounded set of odd methods,
// bad encodings, oversized headers and fields, hostile headers, to a portal on loopback only, and
// asserts that nothing answers 5xx and nothing prints a stack trace. About 1,600 requests, four at
// a time; it stops by itself.

const SAMPLE_ID = "01hzzzzzzzzzzzzzzzzzzzzzzz";

/** Remix flat-route file names to one concrete path each (params filled with a well-formed id). */
export function routePaths(): string[] {
  const dir = path.resolve(import.meta.dirname, "../../../app/routes");
  const paths = new Set<string>();
  for (const file of fs.readdirSync(dir)) {
    const name = file.replace(/\.(tsx|ts)$/, "");
    const segments = name
      .replaceAll("[.]", "~dot~")
      .split(".")
      .map((s) => s.replaceAll("~dot~", "."))
      .filter((s) => s !== "_index")
      .map((s) => (s === "$" ? "anything/deeper" : s.startsWith("$") ? SAMPLE_ID : s.replace(/_$/, "")));
    paths.add(`/${segments.join("/")}`);
  }
  return [...paths].sort();
}

interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

function probesFor(route: string): Probe[] {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  return [
    ...["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "CONNECTX"].map((method) => ({ method, path: route })),
    { method: "GET", path: `${route}?x=%00&email=a%00b` },
    { method: "GET", path: `${route}?x=%0A&redirectTo=%0D%0ALocation:%20http://evil.example` },
    { method: "GET", path: `${route}/%` },
    { method: "GET", path: `${route}%c0%af` },
    { method: "GET", path: `${route}?%=%&&==` },
    { method: "GET", path: `${route}.data` },
    { method: "GET", path: `${route}.data?_routes=%00` },
    { method: "GET", path: route, headers: { cookie: `lang=%; rtk_csrf=${"x".repeat(4000)}; rtk_session=%E0%A4%A` } },
    { method: "GET", path: route, headers: { "x-filler": "a".repeat(15_000) } },
    { method: "GET", path: route, headers: { "accept-language": "\u00ff\u00fe;q=abc,,;;" } },
    { method: "GET", path: route, headers: { "x-forwarded-host": "evil.example", "x-forwarded-for": "not-an-ip" } },
    { method: "POST", path: route, headers: { ...form, origin: "http://evil.example" }, body: "lang=es" },
    { method: "POST", path: route, headers: { ...form, origin: "null" }, body: "lang=es" },
    { method: "POST", path: route, headers: { ...form, origin: "::not a url" }, body: "lang=es" },
    { method: "POST", path: route, headers: form, body: `csrf=x&email=${"a".repeat(60_000)}&name=%00%0A%0D&redirectTo=/\\evil.example` },
    { method: "POST", path: route, headers: form, body: "%=%&%%%&a=%E0%A4%A" },
    { method: "POST", path: route, headers: form, body: "a=1".repeat(30_000) },
    { method: "POST", path: route, headers: { "content-type": "application/json" }, body: '{"a":' },
    { method: "POST", path: route, headers: { "content-type": "text/plain" }, body: "\u0000\u0001" },
    { method: "POST", path: route, headers: { "content-type": "multipart/form-data; boundary=zz" }, body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n' },
    { method: "POST", path: route, headers: { "content-type": "multipart/form-data" }, body: "--\r\n" },
    { method: "POST", path: `${route}.data`, headers: form, body: "a=%00" },
    { method: "POST", path: `${route}?index&_data=%00`, headers: form, body: "" },
  ];
}

function send(port: number, probe: Probe): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: probe.method, path: probe.path, agent: false, headers: { connection: "close", ...probe.headers } }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${probe.method} ${probe.path}`)));
    req.once("error", (error: NodeJS.ErrnoException) => {
      // Node's own parser refuses some inputs (a method it does not know) by closing the socket.
      if (error.code === "ECONNRESET" || error.message.startsWith("socket hang up")) resolve(0);
      else reject(error);
    });
    req.end(probe.body);
  });
}

describe.each(testDialects())("HTTP fuzz over every route, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { RATE_LIMITS: "relaxed" });
  }, 60_000);
  afterAll(() => portal.cleanup());

  it("enumerates the routes", () => {
    const paths = routePaths();
    expect(paths).toContain("/language");
    expect(paths).toContain(`/requests/${SAMPLE_ID}/confirm`);
    expect(paths).toContain(`/requests/${SAMPLE_ID}/disclosure.pdf`);
    expect(paths.length).toBeGreaterThanOrEqual(35);
  });

  it("no probe of any route answers 5xx, and nothing prints a stack trace", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const routes = [...routePaths(), "/", "/%", "/%00", "/drp/v1/data-rights-request/%", "/build/%", "/favicon.svg%00"];
    const queue = routes.flatMap(probesFor);
    // Four at a time: bounded load on a shared 2-core machine, a run of well under a minute.
    const lanes = Array.from({ length: 4 }, async () => {
      for (let probe = queue.shift(); probe; probe = queue.shift()) {
        const status = await send(portal.port, probe);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${probe.method} ${probe.path.slice(0, 80)} -> ${status}`);
      }
    });
    await Promise.all(lanes);
    console.info(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect(portal.stderr()).not.toMatch(/\n\s+at /);
  }, 240_000);
});

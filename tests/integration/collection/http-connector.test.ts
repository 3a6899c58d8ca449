import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { collectRun, recordsOf, valueOf, type CollectionRun } from "./fixtures";

const TOKEN = "Bearer s3cret-token";
const TAX_ID = "987-65-4329";
const label = (en: string) => ({ en, es: `${en} (es)` });

/** A CRM-like API: cursor pages of contacts, next-link pages of events, plus a silent and a broken endpoint. */
function startApi(): Promise<{ server: http.Server; url: string; hits: Record<string, number> }> {
  const hits: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    const route = url.pathname.split("/").slice(0, 3).join("/");
    hits[route] = (hits[route] ?? 0) + 1;
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname.startsWith("/slow")) return; // never answers
    if (url.pathname.startsWith("/broken")) return json(500, { error: "boom" });
    if (req.headers.authorization !== TOKEN) return json(401, { error: "unauthorized" });
    if (url.pathname === "/api/contacts") {
      if (url.searchParams.get("email") !== "ana@example.test") return json(200, { data: [], meta: { next_cursor: null } });
      if (!url.searchParams.get("cursor")) {
        return json(200, { data: [{ id: "c-1", email: "Ana@Example.test", name: "Ana Ruiz", user_id: "u-77", tax_id: TAX_ID, updated: "2026-06-01T12:00:00Z" }], meta: { next_cursor: "p2" } });
      }
      // A search API that also returns a near match: it must not be taken for the person's record.
      return json(200, { data: [{ id: "c-2", email: "ana@example.test", name: "Ana R.", user_id: null, tax_id: null, updated: "2026-07-01T12:00:00Z" }, { id: "c-9", email: "ana.other@example.test", name: "Ana Other", user_id: "u-99", tax_id: null, updated: "2026-07-01T12:00:00Z" }], meta: { next_cursor: null } });
    }
    if (url.pathname === "/api/users/u-77/events") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const events = page === 1
        ? [{ event_id: 1, type: "login", at: "2026-05-01T10:00:00Z" }, { event_id: 2, type: "export", at: "2024-01-05T10:00:00Z" }]
        : [{ event_id: 3, type: "logout", at: "2026-05-01T11:00:00Z" }];
      return json(200, { events, links: { next: page === 1 ? "/api/users/u-77/events?page=2" : null } });
    }
    if (url.pathname === "/api/drift") return json(200, { data: [{ id: "d-1", email: "ana@example.test", favorite_color: "blue" }] });
    return json(404, { error: "not found" });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

function httpMap(withFailingVendors = true): unknown {
  const common = { sourceCategories: ["service_providers"], purposes: ["performing_services"], recipients: { businessPurpose: ["crm_providers"] } };
  const records = (id: string) => ({
    id,
    label: label("Records"),
    primaryKey: "id",
    timeField: null,
    request: { url: "/records?email={email}", records: "/data", timeoutMs: 300, retries: 2 },
    lookups: [{ column: "email", identifier: "email" }],
    fields: { id: { label: label("Id"), categories: ["A"] }, email: { label: label("E-mail"), categories: ["A"] } },
  });
  return {
    version: 1,
    business: { name: "Test", legalName: "Test Inc.", contactEmail: "privacy@test.example", privacyPolicyUrl: "https://test.example/privacy", requestMethods: [{ kind: "email", value: "privacy@test.example" }] },
    identity: { source: "crm", dataset: "contacts", fields: { email: "email" } },
    sources: [
      {
        id: "crm", kind: "http", label: label("Hosted CRM"), ...common,
        connection: { urlEnv: "CRM_URL", authHeaderEnv: "CRM_AUTH" },
        datasets: [
          {
            id: "contacts", label: label("CRM contacts"), primaryKey: "id", timeField: "updated",
            request: { url: "/contacts?email={email}", records: "/data", pagination: { type: "cursor", param: "cursor", next: "/meta/next_cursor" } },
            lookups: [{ column: "email", identifier: "email" }],
            yields: [{ column: "user_id", identifier: "user_id" }],
            fields: {
              id: { label: label("Contact id"), categories: ["A"] }, email: { label: label("E-mail"), categories: ["A"] },
              name: { label: label("Name"), categories: ["A", "B"] }, user_id: { internal: true, reason: "link" },
              tax_id: { label: label("Taxpayer id"), categories: ["A", "B", "L"], neverDisclose: "ssn" }, updated: { label: label("Updated"), categories: ["D"] },
            },
          },
          {
            id: "events", label: label("CRM activity"), primaryKey: "event_id", timeField: "at",
            request: { records: "/events", pagination: { type: "next_link", next: "/links/next" } },
            lookups: [{ column: "user_id", identifier: "user_id", url: "/users/{user_id}/events" }],
            fields: { event_id: { label: label("Event"), categories: ["F"] }, type: { label: label("Type"), categories: ["F"] }, at: { label: label("Time"), categories: ["F"] }, user_id: { internal: true, reason: "not returned; scoped by the URL" } },
          },
        ],
      },
      ...(withFailingVendors
        ? [
            { id: "slow", kind: "http", label: label("Slow vendor"), ...common, connection: { urlEnv: "SLOW_URL" }, datasets: [records("records")] },
            { id: "broken", kind: "http", label: label("Broken vendor"), ...common, connection: { urlEnv: "BROKEN_URL" }, datasets: [records("records")] },
          ]
        : []),
    ],
  };
}

describe("http connector against a real HTTP server", () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    api = await startApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-http-"));
    env = { CRM_URL: `${api.url}/api`, CRM_AUTH: TOKEN, SLOW_URL: `${api.url}/slow`, BROKEN_URL: `${api.url}/broken` };
  });
  afterAll(async () => {
    api.server.closeAllConnections();
    await new Promise((resolve) => api.server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function collect(map: unknown, runEnv = env, name = "run"): Promise<CollectionRun> {
    const spoolPath = path.join(dir, `${name}.ndjson`);
    const datamap = await loadDatamap({ text: JSON.stringify(map), baseDir: dir }, runEnv);
    return collectRun({ datamap, env: runEnv, spoolPath, identifiers: { email: "ana@example.test" }, kind: "12_months" });
  }

  it("[CONNECTOR]: follows cursor and next-link pages with the auth header, filters near matches and the period", async () => {
    const run = await collect(httpMap(false), env, "pages");
    const crm = run.summary.sources.find((s) => s.sourceId === "crm")!;
    expect(crm).toMatchObject({ status: "ok", records: 4 });
    expect(recordsOf(run, "contacts").map((r) => r.recordKey)).toEqual(["c-1", "c-2"]);
    // user_id u-77 came from the contacts API (identity graph over HTTP), then paged events.
    expect(recordsOf(run, "events").map((r) => r.recordKey)).toEqual(["1", "3"]);
    expect(recordsOf(run, "events")[0]!.recordedAt).toBe("2026-05-01T10:00:00.000Z");
    expect(valueOf(recordsOf(run, "contacts")[0]!, "contacts.name")).toBe("Ana Ruiz");
    expect(recordsOf(run, "contacts")[0]!.fields.find((f) => f.fieldId === "contacts.tax_id")).toMatchObject({ value: null, withheld: { type: "ssn" } });
    for (const text of [run.spoolText, run.summaryText, run.logText]) expect(text).not.toContain(TAX_ID);
    expect(run.spoolText).not.toContain("ana.other@example.test");
  });

  it("[X22]: a source that never answers times out, one that fails with 500 is retried, and the result is incomplete", async () => {
    const before = api.hits["/broken/records"] ?? 0;
    const run = await collect(httpMap(), env, "failures");
    const runs = Object.fromEntries(run.summary.sources.map((s) => [s.sourceId, s]));
    expect(runs.slow).toMatchObject({ status: "timed_out", errorCode: "ETIMEDOUT", records: 0 });
    expect(runs.broken).toMatchObject({ status: "failed", errorCode: "HTTP_500", records: 0 });
    expect(api.hits["/broken/records"]! - before).toBe(3); // the first try and 2 retries
    expect(runs.crm!.status).toBe("ok");
    expect(run.summary.complete).toBe(false);
    expect(run.logText).toContain("ETIMEDOUT");
    expect(run.logText).not.toContain("ana@example.test");
  });

  it("[SECURITY]: the auth header comes from the environment; a wrong one fails the source without retries", async () => {
    const run = await collect(httpMap(false), { ...env, CRM_AUTH: "Bearer wrong" }, "auth");
    expect(run.summary.sources.find((s) => s.sourceId === "crm")).toMatchObject({ status: "failed", errorCode: "HTTP_401" });
    expect(run.summary.complete).toBe(false);
  });

  it("[DATAMAP]: a response key the map does not declare fails the source rather than being dropped silently", async () => {
    const map = httpMap(false) as any;
    map.sources[0].datasets[0].request = { url: "/drift?email={email}", records: "/data" };
    const run = await collect(map, env, "drift");
    expect(run.summary.sources.find((s) => s.sourceId === "crm")).toMatchObject({ status: "failed", errorCode: "DATAMAP_DRIFT" });
  });

  it("[DATAMAP]: `datamap check` reports an API that does not answer or refuses the credentials", async () => {
    const loaded = await loadDatamap({ text: JSON.stringify(httpMap()), baseDir: dir }, { ...env, CRM_AUTH: "Bearer wrong" });
    const result = await checkDatamap(loaded, { env: { ...env, CRM_AUTH: "Bearer wrong" }, probeTimeoutMs: 300 });
    expect(result.ok).toBe(false);
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p.message]));
    expect(byPath["sources[0].connection.urlEnv"]).toMatch(/refused the credentials in CRM_AUTH \(HTTP 401\)/);
    expect(byPath["sources[1].connection.urlEnv"]).toMatch(/did not answer within 300 ms/);
    expect(byPath["sources[2].connection.urlEnv"]).toMatch(/HTTP 500/);
  });
});

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { sourceDialects } from "../../support/dialects";
import { byEmail, createDemoSource, datasetsOf, fieldOf, RECEIVED_ON, recordsOf, valueOf, type DemoSource } from "./fixtures";

const olivia = demoPerson("ordinary");
const priya = demoPerson("precise_gps");
const daniel = demoPerson("older_than_12_months");
const zoe = demoPerson("contact_only");
const jose = demoPerson("spanish_speaker");
const namesake = demoPerson("namesake");

const EVERY_DEMO_DATASET = [
  "users", "accounts", "leads", "segment_memberships", "inferred_profiles", "payment_methods", "subscriptions", "invoices",
  "credit_applications", "devices", "usage_events", "web_app_events", "location_pings", "email_events", "support_conversations",
  "support_messages", "event_registrations", "office_visits", "legacy_contacts",
];

describe.each(sourceDialects())("collecting a demo person's data on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[COLLECTION]: finds an ordinary customer's records in every table she has data in (R25)", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    expect(run.summary.complete).toBe(true);
    expect([...datasetsOf(run)].sort()).toEqual([...EVERY_DEMO_DATASET].sort());
    expect(run.summary.sources.map((s) => [s.sourceId, s.status])).toEqual([["parlay_app", "ok"], ["legacy_crm", "ok"]]);
    expect(run.summary.recordCount).toBe(run.records.length);
    expect(run.summary.sources.reduce((n, s) => n + s.records, 0)).toBe(run.records.length);
    // The whole graph: her user id, her app's device id and her lead's cookie all lead to events.
    const expected = await sql<{ n: number }>`select count(*) as n from web_app_events
      where (user_id = ${olivia.userId} or device_id = ${olivia.deviceId} or cookie_id = ${olivia.cookieId})
      and (user_id is null or user_id = ${olivia.userId})`.execute(demo.t.db);
    const events = recordsOf(run, "web_app_events");
    expect(events).toHaveLength(Number(expected.rows[0]!.n));
    expect(events.some((r) => valueOf(r, "web_app_events.device_id") === olivia.deviceId)).toBe(true);
    expect(events.some((r) => valueOf(r, "web_app_events.cookie_id") === olivia.cookieId)).toBe(true);
    expect(recordsOf(run, "location_pings").length).toBeGreaterThan(0);
  });

  it("[COLLECTION]: writes each dataset's records together, each record once", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const order = run.records.map((r) => `${r.sourceId}/${r.datasetId}`);
    const blocks = order.filter((id, i) => i === 0 || order[i - 1] !== id);
    expect(new Set(blocks).size).toBe(blocks.length);
    const keys = run.records.map((r) => `${r.sourceId}/${r.datasetId}/${r.recordKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("[COLLECTION]: follows a contact-only lead from her e-mail to her cookie's website visits (identity graph)", async () => {
    const run = await demo.collect(byEmail(zoe), "since_2022");
    expect([...datasetsOf(run)].sort()).toEqual(["email_events", "event_registrations", "inferred_profiles", "leads", "legacy_contacts", "segment_memberships", "web_app_events"]);
    const visits = recordsOf(run, "web_app_events");
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((r) => valueOf(r, "web_app_events.cookie_id") === zoe.cookieId)).toBe(true);
    expect(datasetsOf(run).has("users")).toBe(false);
  });

  it("[COLLECTION]: finds a person by a verified phone number typed in another format, or by customer number", async () => {
    const byPhone = await demo.collect({ phone: "415-555-0142" });
    expect(recordsOf(byPhone, "users").map((r) => r.recordKey)).toEqual([olivia.userId]);
    expect(datasetsOf(byPhone).has("web_app_events")).toBe(true);
    const byNumber = await demo.collect({ customer_number: olivia.customerNumber! });
    expect(recordsOf(byNumber, "users").map((r) => r.recordKey)).toEqual([olivia.userId]);
  });

  it("[COLLECTION]: never matches a namesake: a name is not an identifier", async () => {
    const run = await demo.collect(byEmail(jose), "since_2022");
    expect(recordsOf(run, "users").map((r) => r.recordKey)).toEqual([jose.userId]);
    expect(run.spoolText).not.toContain(namesake.email);
    expect(run.spoolText).not.toContain(namesake.userId!);
    expect(recordsOf(run, "legacy_contacts").map((r) => r.recordKey)).toEqual(["CRM-00702"]);
  });

  it("[PERIOD]: the default 12 months finds nothing for a person whose records are all older (R28)", async () => {
    const recent = await demo.collect(byEmail(daniel), "12_months");
    expect(recent.summary.period).toEqual({ kind: "12_months", start: "2025-11-01", end: RECEIVED_ON });
    expect(recent.records).toEqual([]);
    expect(recent.summary.complete).toBe(true);
    expect(recent.summary.categories.every((c) => !c.collected && c.sources.length === 0 && c.purposes.length === 0)).toBe(true);

    const all = await demo.collect(byEmail(daniel), "since_2022");
    expect(all.summary.period).toEqual({ kind: "since_2022", start: "2022-01-01", end: RECEIVED_ON });
    expect(recordsOf(all, "users").map((r) => r.recordKey)).toEqual([daniel.userId]);
    expect(all.records.length).toBeGreaterThan(20);
  });

  it("[PERIOD]: dated records fall inside the window; undated ones are included and counted", async () => {
    const run = await demo.collect(byEmail(olivia), "12_months");
    const pointInTime = ["web_app_events", "email_events", "usage_events", "invoices", "support_messages", "inferred_profiles"];
    for (const record of run.records.filter((r) => pointInTime.includes(r.datasetId))) {
      expect(record.recordedAt! >= "2025-11-01T00:00:00.000Z" && record.recordedAt! < "2026-11-02T00:00:00.000Z").toBe(true);
    }
    const undated = run.records.filter((r) => r.recordedAt === null);
    expect(undated.map((r) => r.datasetId)).toEqual(["legacy_contacts"]);
    expect(run.summary.undatedRecords).toBe(1);
    const since = await demo.collect(byEmail(olivia), "since_2022");
    expect(recordsOf(since, "web_app_events").length).toBeGreaterThan(recordsOf(run, "web_app_events").length);
  });

  it("[CATEGORIES]: places fields in the statutory categories A-L (1798.140(v)(1))", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const user = recordsOf(run, "users")[0]!;
    expect(fieldOf(user, "users.email")).toMatchObject({ categories: ["A"], sensitive: false, value: olivia.email });
    expect(fieldOf(user, "users.full_name")?.categories).toEqual(["A", "B"]);
    expect(fieldOf(user, "users.job_title")).toMatchObject({ categories: ["I"], value: olivia.jobTitle, label: { en: "Job title", es: "Cargo" } });
    expect(fieldOf(user, "users.date_of_birth")).toMatchObject({ categories: ["C"], value: olivia.dateOfBirth });
    expect(fieldOf(user, "users.account_id")).toBeUndefined();
    expect(fieldOf(recordsOf(run, "invoices")[0]!, "invoices.amount_cents")?.categories).toEqual(["D"]);
    const visit = recordsOf(run, "web_app_events")[0]!;
    expect(fieldOf(visit, "web_app_events.url")?.categories).toEqual(["F"]);
    expect(fieldOf(visit, "web_app_events.ip_city")?.categories).toEqual(["G"]);
    const score = recordsOf(run, "inferred_profiles")[0]!;
    expect(fieldOf(score, "inferred_profiles.churn_risk")?.categories).toEqual(["K"]);
    const segment = fieldOf(recordsOf(run, "segment_memberships")[0]!, "segment_memberships.segment_name")!;
    expect(segment.categories).toEqual(["K"]);
    expect(String(segment.value)).not.toMatch(/^seg_/);
    expect(fieldOf(recordsOf(run, "office_visits")[0]!, "office_visits.cctv_still_ref")?.categories).toEqual(["H"]);

    const facts = new Map(run.summary.categories.map((c) => [c.category, c]));
    expect(run.summary.categories.map((c) => c.category)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]);
    expect(facts.get("E")).toEqual({ category: "E", collected: false, sources: [], purposes: [], disclosedTo: [], soldTo: [], sharedWith: [] });
    expect(facts.get("F")!.collected).toBe(true);
    expect(facts.get("F")!.sharedWith.map((l) => l.en)).toEqual(["Advertising networks (third parties)"]);
    expect(facts.get("F")!.sources.map((l) => l.en)).toContain("Automatically from your browser and devices");
    expect(facts.get("K")!.sources.map((l) => l.en)).toContain("Inferred by us from other information we hold");
    expect(facts.get("D")!.disclosedTo.map((l) => l.en)).toContain("Payment processors (service providers)");
    expect(run.summary.categories.every((c) => c.soldTo.length === 0)).toBe(true);
  });

  it("[CATEGORIES]: precise geolocation is sensitive (L) and disclosed, not withheld", async () => {
    const run = await demo.collect(byEmail(priya), "since_2022");
    const first = recordsOf(run, "location_pings").find((r) => valueOf(r, "location_pings.latitude") === priya.preciseLocation!.latitude);
    expect(first).toBeDefined();
    expect(fieldOf(first!, "location_pings.latitude")).toMatchObject({ categories: ["G", "L"], sensitive: true, value: priya.preciseLocation!.latitude });
    expect(fieldOf(first!, "location_pings.longitude")?.value).toBe(priya.preciseLocation!.longitude);
    const l = run.summary.categories.find((c) => c.category === "L")!;
    expect(l.collected).toBe(true);
    expect(l.purposes.length).toBeGreaterThan(0);
  });

  it("[X21]: an event signed in as someone else on the person's browser stays out of their data", async () => {
    await demo.t.db
      .insertInto("web_app_events")
      .values({ id: 9_900_001, source: "web", cookie_id: zoe.cookieId, device_id: null, user_id: olivia.userId, event_type: "login", url: "https://app.parlay.example/inbox", referrer: null, user_agent: "test", ip_address: "192.0.2.1", ip_city: null, ip_region: null, ip_country: null, occurred_at: "2026-10-01 10:00:00.000" })
      .execute();
    const zoes = await demo.collect(byEmail(zoe), "since_2022");
    expect(recordsOf(zoes, "web_app_events").map((r) => r.recordKey)).not.toContain("9900001");
    const olivias = await demo.collect(byEmail(olivia), "since_2022");
    expect(recordsOf(olivias, "web_app_events").map((r) => r.recordKey)).toContain("9900001");
  });
});

import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { DEMO_PEOPLE, demoPerson, type DemoPerson } from "../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../db/demo-business/schema";
import { seedDemoBusiness, type SeedSummary } from "../../db/demo-business/seed-demo-business";
import { sourceDialects, type TestDatabase } from "../support/dialects";

const ANCHOR = "2026-11-01 00:00:00.000";
/** 12 months before the default anchor: the default Right to Know look-back (1798.130(a)(2)(B)). */
const CUTOFF = "2025-11-01 00:00:00.000";
const WINDOW_START = "2024-05-01 00:00:00.000";

/** Where a person's rows live: table, the column that links them, and the columns that place them in time. */
interface PersonTable {
  table: keyof DemoBusinessDb;
  link: (p: DemoPerson) => [column: string, value: string | null];
  times: string[];
}
const PERSON_TABLES: PersonTable[] = [
  { table: "users", link: (p) => ["id", p.userId], times: ["created_at", "updated_at", "last_login_at"] },
  { table: "accounts", link: (p) => ["id", p.accountId], times: ["created_at", "updated_at"] },
  { table: "leads", link: (p) => ["email", p.email], times: ["created_at", "updated_at"] },
  { table: "segment_memberships", link: (p) => (p.userId ? ["user_id", p.userId] : ["lead_id", p.leadId]), times: ["added_at"] },
  { table: "inferred_profiles", link: (p) => (p.userId ? ["user_id", p.userId] : ["lead_id", p.leadId]), times: ["scored_at"] },
  { table: "payment_methods", link: (p) => ["account_id", p.accountId], times: ["created_at"] },
  { table: "subscriptions", link: (p) => ["account_id", p.accountId], times: ["started_at", "canceled_at", "created_at"] },
  { table: "invoices", link: (p) => ["account_id", p.accountId], times: ["issued_at", "paid_at"] },
  { table: "credit_applications", link: (p) => ["account_id", p.accountId], times: ["submitted_at", "decided_at"] },
  { table: "devices", link: (p) => ["user_id", p.userId], times: ["first_seen_at", "last_seen_at"] },
  { table: "usage_events", link: (p) => ["user_id", p.userId], times: ["occurred_at"] },
  { table: "web_app_events", link: (p) => ["cookie_id", p.cookieId], times: ["occurred_at"] },
  { table: "location_pings", link: (p) => ["user_id", p.userId], times: ["recorded_at"] },
  { table: "email_events", link: (p) => ["recipient_email", p.email], times: ["occurred_at"] },
  { table: "support_conversations", link: (p) => ["contact_email", p.email], times: ["created_at", "closed_at"] },
  { table: "support_messages", link: (p) => ["author_user_id", p.userId], times: ["created_at"] },
  { table: "event_registrations", link: (p) => ["email", p.email], times: ["registered_at", "checked_in_at"] },
  { table: "office_visits", link: (p) => ["visitor_email", p.email], times: ["visited_at", "departed_at"] },
];

/** Every timestamp of a person's rows, per table. */
async function personTimes(db: Kysely<any>, person: DemoPerson): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const spec of PERSON_TABLES) {
    const [column, value] = spec.link(person);
    if (value === null) continue;
    const rows: Record<string, string | null>[] = await db.selectFrom(spec.table).select(spec.times).where(column, "=", value).execute();
    if (rows.length === 0) continue;
    out.set(spec.table, rows.flatMap((r) => spec.times.map((t) => r[t]).filter((v): v is string => v !== null)));
  }
  return out;
}

/** A hash of several whole tables, rows ordered by id in JS (collations differ between engines). */
async function fingerprint(db: Kysely<any>): Promise<string> {
  const hash = createHash("sha256");
  for (const table of ["accounts", "users", "leads", "invoices", "credit_applications", "web_app_events", "location_pings", "support_messages", "inferred_profiles"]) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as { id: string | number }[];
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    hash.update(`${table}:${JSON.stringify(rows)}\n`);
  }
  return hash.digest("hex");
}

let reference: Promise<string> | undefined;
/** The fingerprint of an independent SQLite seeding: same seed, same data, on any engine. */
function referenceFingerprint(): Promise<string> {
  reference ??= (async () => {
    const handle = openDb<DemoBusinessDb>("sqlite::memory:");
    try {
      await seedDemoBusiness(handle.db, { dialect: "sqlite" });
      return await fingerprint(handle.db);
    } finally {
      await handle.db.destroy();
    }
  })();
  return reference;
}

describe.each(sourceDialects())("demo business source database on $name", (dialect) => {
  let handle: TestDatabase<DemoBusinessDb>;
  let db: Kysely<any>;
  let summary: SeedSummary;

  beforeAll(async () => {
    handle = await dialect.create<DemoBusinessDb>();
    db = handle.db as Kysely<any>;
    summary = await seedDemoBusiness(handle.db, { dialect: handle.dialect });
  });
  afterAll(async () => {
    await handle?.cleanup();
  });

  it("holds at least 1,000 distinct people, as the summary says", async () => {
    const users = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const leadsOnly = await db.selectFrom("leads").where("user_id", "is", null).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(summary.created).toBe(true);
    expect(Number(users.n) + Number(leadsOnly.n)).toBe(summary.people);
    expect(summary.people).toBeGreaterThanOrEqual(1000);
    expect(summary.totalRows).toBeGreaterThan(30_000);
  });

  it("has every named demo person with the identifiers a consumer would type", async () => {
    for (const person of DEMO_PEOPLE) {
      if (person.userId) {
        const user = await db.selectFrom("users").selectAll().where("email", "=", person.email).executeTakeFirstOrThrow();
        expect(user).toMatchObject({
          id: person.userId, account_id: person.accountId, customer_number: person.customerNumber, full_name: person.fullName,
          first_name: person.firstName, last_name: person.lastName, phone: person.phone, date_of_birth: person.dateOfBirth,
          street: person.address?.street, city: person.address?.city, state: person.address?.state,
          postal_code: person.address?.postalCode, country: person.address?.country, company: person.company,
          job_title: person.jobTitle, preferred_language: person.preferredLanguage,
        });
        const account = await db.selectFrom("accounts").select("company_name").where("id", "=", person.accountId).executeTakeFirstOrThrow();
        expect(account.company_name).toBe(person.company);
      } else {
        expect(await db.selectFrom("users").select("id").where("email", "=", person.email).execute()).toEqual([]);
        const lead = await db.selectFrom("leads").selectAll().where("email", "=", person.email).executeTakeFirstOrThrow();
        expect(lead).toMatchObject({ id: person.leadId, full_name: person.fullName, phone: person.phone, cookie_id: person.cookieId, user_id: null });
      }
    }
  });

  it("gives the ordinary customer records in every table, inside and outside the last 12 months", async () => {
    const times = await personTimes(db, demoPerson("ordinary"));
    expect([...times.keys()].sort()).toEqual(PERSON_TABLES.map((t) => t.table).sort());
    for (const table of ["usage_events", "web_app_events", "email_events", "invoices", "support_messages", "event_registrations", "office_visits"]) {
      const list = times.get(table)!;
      expect(list.some((t) => t < CUTOFF), `${table} before the cutoff`).toBe(true);
      expect(list.some((t) => t >= CUTOFF), `${table} within 12 months`).toBe(true);
    }
    const mention = await db.selectFrom("support_messages").select("body").where("author_user_id", "=", demoPerson("ordinary").userId).where("body", "like", "%Priya Raman%").execute();
    expect(mention).toHaveLength(1);
  });

  it("keeps everything of the churned customer older than 12 months but after 2022-01-01", async () => {
    const times = await personTimes(db, demoPerson("older_than_12_months"));
    for (const table of ["users", "accounts", "invoices", "usage_events", "web_app_events", "email_events", "support_messages", "event_registrations"]) {
      expect(times.get(table)?.length ?? 0, table).toBeGreaterThan(0);
    }
    const all = [...times.values()].flat();
    expect(all.filter((t) => t >= CUTOFF)).toEqual([]);
    expect(all.filter((t) => t < "2022-01-01")).toEqual([]);
  });

  it("holds never-disclose values for the named person and only a few others", async () => {
    const marcus = demoPerson("never_disclose");
    const secret = marcus.neverDisclose!;
    const ssns = await db.selectFrom("credit_applications").select(["user_id", "ssn", "drivers_license_number", "bank_account_number"]).where("ssn", "is not", null).execute();
    expect(ssns.length).toBeGreaterThanOrEqual(2);
    expect(ssns.length).toBeLessThanOrEqual(6);
    expect(ssns.every((r) => /^987-65-432\d$/.test(r.ssn))).toBe(true);
    expect(ssns.find((r) => r.user_id === marcus.userId)).toEqual({
      user_id: marcus.userId, ssn: secret.ssn, drivers_license_number: secret.driversLicenseNumber, bank_account_number: secret.bankAccountNumber,
    });
    const licences = await db.selectFrom("credit_applications").select("user_id").where("drivers_license_number", "is not", null).execute();
    expect(licences.length).toBe(ssns.length);
    const ids = await db.selectFrom("office_visits").select(["visitor_email", "photo_id_number"]).where("photo_id_number", "is not", null).execute();
    expect(ids.length).toBeLessThanOrEqual(4);
    expect(ids).toContainEqual({ visitor_email: marcus.email, photo_id_number: secret.passportNumber });
    const login = await db.selectFrom("users").select(["password_hash", "security_question", "security_answer"]).where("id", "=", marcus.userId).executeTakeFirstOrThrow();
    expect(login).toEqual({ password_hash: secret.passwordHash, security_question: secret.securityQuestion, security_answer: secret.securityAnswer });
    // The ordinary customer's credit application is a company's (EIN), with no personal never-disclose values.
    const olivia = await db.selectFrom("credit_applications").selectAll().where("user_id", "=", demoPerson("ordinary").userId).executeTakeFirstOrThrow();
    expect(olivia).toMatchObject({ ssn: null, drivers_license_number: null, bank_account_number: null });
  });

  it("records precise GPS for the mobile-app user, exactly as the app reported it", async () => {
    const priya = demoPerson("precise_gps");
    const pings = await db.selectFrom("location_pings").select(["latitude", "longitude", "recorded_at", "device_id"]).where("user_id", "=", priya.userId).orderBy("recorded_at").execute();
    expect(pings.length).toBeGreaterThanOrEqual(40);
    expect(pings[0]).toMatchObject({ ...priya.preciseLocation, device_id: priya.deviceId });
    expect(pings.filter((p) => p.recorded_at >= CUTOFF).length).toBeGreaterThan(10);
  });

  it("keeps Unicode intact and writes to the Spanish speaker in Spanish", async () => {
    const jose = demoPerson("spanish_speaker");
    const bodies = await db.selectFrom("support_messages").select("body").where("author_user_id", "=", jose.userId).execute();
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.some((b) => /[¿¡ñáéíóú]/.test(b.body))).toBe(true);
    const zoe = await db.selectFrom("leads").select("full_name").where("id", "=", demoPerson("contact_only").leadId).executeTakeFirstOrThrow();
    expect(zoe.full_name).toBe("Zoë Łukasiewicz");
    const emoji = await db.selectFrom("support_messages").select("id").where("body", "like", "%🙏%").execute();
    expect(emoji.length).toBeGreaterThan(0);
    const namesakes = await db.selectFrom("users").select("email").where("first_name", "=", "José").where("last_name", "like", "Núñez%").execute();
    expect(namesakes.map((n) => n.email)).toEqual(expect.arrayContaining([jose.email, demoPerson("namesake").email]));
  });

  it("links the contact-only lead to anonymous web visits by cookie and to e-mail events by address", async () => {
    const zoe = demoPerson("contact_only");
    const visits = await db.selectFrom("web_app_events").select(["user_id"]).where("cookie_id", "=", zoe.cookieId).execute();
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((v) => v.user_id === null)).toBe(true);
    expect((await db.selectFrom("email_events").select("id").where("recipient_email", "=", zoe.email).execute()).length).toBeGreaterThan(0);
  });

  it("spreads records over 30 months ending before the anchor", async () => {
    for (const [table, column] of [["web_app_events", "occurred_at"], ["usage_events", "occurred_at"], ["email_events", "occurred_at"], ["invoices", "issued_at"]] as const) {
      const range = await db.selectFrom(table).select((eb) => [eb.fn.min(column).as("first"), eb.fn.max(column).as("last")]).executeTakeFirstOrThrow();
      expect(range.first >= WINDOW_START, `${table} starts in the window`).toBe(true);
      expect(range.last < ANCHOR, `${table} ends before the anchor`).toBe(true);
      expect(range.first < CUTOFF && range.last >= CUTOFF).toBe(true);
    }
  });

  it("is deterministic: the same data as an independent SQLite seeding", async () => {
    expect(await fingerprint(db)).toBe(await referenceFingerprint());
  });

  it("does nothing when seeded again, even with other options", async () => {
    const before = await db.selectFrom("web_app_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const again = await seedDemoBusiness(handle.db, { dialect: handle.dialect, people: 50, heavyPersonRecords: 10 });
    expect(again).toEqual({ ...summary, created: false });
    const after = await db.selectFrom("web_app_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("adds the requested extra events for the heavy person, all within the last 12 months", async () => {
    const small = await dialect.create<DemoBusinessDb>();
    try {
      const grace = demoPerson("heavy");
      const plain = await seedDemoBusiness(small.db, { dialect: small.dialect, people: 40, heavyPersonRecords: 1200 });
      expect(plain.heavyPersonRecords).toBe(1200);
      const sdb = small.db as Kysely<any>;
      const heavyRows = await sdb.selectFrom("web_app_events").select(["occurred_at"]).where("user_id", "=", grace.userId).where("id", ">", plain.rows.web_app_events! - 1200).execute();
      expect(heavyRows).toHaveLength(1200);
      expect(heavyRows.every((r) => r.occurred_at >= CUTOFF && r.occurred_at < ANCHOR)).toBe(true);
    } finally {
      await small.cleanup();
    }
  });
});

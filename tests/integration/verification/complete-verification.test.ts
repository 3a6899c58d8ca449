import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson, type DemoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { createRequest, type CreateRequestInput } from "../../../server/requests/create-request";
import { completeVerification } from "../../../server/verification/complete-verification";
import { closeIdentitySources, findIdentityRecord } from "../../../server/verification/find-identity-record";
import type { TestDatabase } from "../../support/dialects";
import { createTestContext, durableDialects } from "../../support/test-context";
import { TEST_SESSION_SECRET, uniqueEmail } from "./fixtures";

const olivia = demoPerson("ordinary");
const jose = demoPerson("spanish_speaker");
const namesake = demoPerson("namesake");
const zoe = demoPerson("contact_only");
const SIGNED = { typedName: "Olivia Bennett", accepted: true as const, signedAt: new Date("2026-12-01T10:00:00Z"), ip: "203.0.113.7" };

function addressOf(p: DemoPerson): Record<string, string> {
  const a = p.address!;
  return { street: a.street, city: a.city, state: a.state, postalCode: a.postalCode };
}

describe.each(durableDialects())("completing a web request's verification on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let source: TestDatabase<DemoBusinessDb>;
  let ctx: AppContext;
  let dataDir: string;

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    // The identity source is a second database of the same dialect, opened by URL as in production.
    source = await dialect.create<DemoBusinessDb>();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-complete-"));
    await seedDemoBusiness(source.db, { dialect: source.dialect, people: 40, filesDir: path.join(dataDir, "demo-files") });
    ctx = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: source.url, SESSION_SECRET: TEST_SESSION_SECRET });
  });
  afterAll(async () => {
    if (ctx) await closeIdentitySources(ctx.env);
    await source?.cleanup();
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function request(type: "categories" | "specific", subject: CreateRequestInput["subject"], extra: Partial<CreateRequestInput> = {}): Promise<string> {
    const { id } = await createRequest(ctx, { type, channel: "web", californiaResident: true, subject, actor: { kind: "consumer" }, ...extra });
    return id;
  }
  const row = (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const evidence = (id: string) => t.db.selectFrom("verification_evidence").selectAll().where("request_id", "=", id).execute();
  const job = (key: string) => t.db.selectFrom("jobs").select(["kind", "state"]).where("idempotency_key", "=", key).executeTakeFirst();

  it("[VERIFY]: finds the held record by e-mail in any case, reading identity columns only", async () => {
    const [held, ...rest] = await findIdentityRecord(ctx, { email: olivia.email.toUpperCase() });
    expect(rest).toEqual([]);
    expect(held).toEqual({
      email: olivia.email,
      phone: olivia.phone,
      fullName: olivia.fullName,
      postalAddress: { street: olivia.address!.street, city: olivia.address!.city, state: olivia.address!.state, postalCode: olivia.address!.postalCode },
      dateOfBirth: olivia.dateOfBirth,
      customerNumber: olivia.customerNumber,
    });
    expect(await findIdentityRecord(ctx, { email: zoe.email })).toEqual([]);
  });

  it("[VERIFY]: an identity source that is a file export is read through its connector", async () => {
    // The demo map with `identity` pointed at the archived CRM export (a CSV with mixed-case addresses).
    const demoMap = fs.readFileSync("server/datamap/demo/parlay.datamap.yaml", "utf8");
    const identity = ["identity:", "  source: legacy_crm", "  dataset: legacy_contacts", "  fields:", "    email: email", "    phone: phone", "    firstName: first_name", "    lastName: last_name", ""].join("\n");
    const mapDir = fs.mkdtempSync(path.join(dataDir, "map-"));
    fs.cpSync("server/datamap/demo/exports", path.join(mapDir, "exports"), { recursive: true });
    fs.writeFileSync(path.join(mapDir, "map.yaml"), demoMap.replace(/^identity:\n(?: {2}.*\n)+/m, identity));
    const fileCtx = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: source.url, SESSION_SECRET: TEST_SESSION_SECRET, DATAMAP_PATH: path.join(mapDir, "map.yaml") });
    expect(await findIdentityRecord(fileCtx, { email: olivia.email })).toEqual([
      { email: "Olivia.Bennett@BrightHarbor.example", phone: "(415) 555-0142", fullName: "Olivia Bennett", postalAddress: null, dateOfBirth: null, customerNumber: null },
    ]);
    expect(await findIdentityRecord(fileCtx, { email: uniqueEmail() })).toEqual([]);
  });

  it("[VERIFY]: a categories request with 2 matching points is verified (reasonable) and collection is queued (R15)", async () => {
    const id = await request("categories", { name: "Liv Bennet-Smith", email: olivia.email, phone: "415.555.0142" });
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true })).toEqual({ status: "verified", level: "reasonable", message: null });
    const r = await row(id);
    expect([r.state, r.verification_level]).toEqual(["collecting", "reasonable"]);
    expect(await job(`collect_request:${id}`)).toEqual({ kind: "collect_request", state: "queued" });
    const [e] = await evidence(id);
    expect(JSON.parse(e!.matched_points)).toEqual(["email", "phone"]);
    expect(e!.declaration_name).toBeNull();
  });

  it("[VERIFY]: specific pieces with 3 points and a signed declaration reach reasonably_high, declaration kept (R16)", async () => {
    const id = await request("specific", { name: olivia.fullName, email: olivia.email, phone: "+1 415 555 0142", address: addressOf(olivia) });
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true, declaration: SIGNED })).toEqual({ status: "verified", level: "reasonably_high", message: null });
    const r = await row(id);
    expect([r.state, r.verification_level]).toEqual(["collecting", "reasonably_high"]);
    expect(await job(`collect_request:${id}`)).toEqual({ kind: "collect_request", state: "queued" });
    const [e] = await evidence(id);
    expect(JSON.parse(e!.matched_points)).toEqual(["email", "phone", "fullName", "postalAddress"]);
    expect([e!.level, e!.declaration_name, e!.declaration_ip]).toEqual(["reasonably_high", "Olivia Bennett", "203.0.113.7"]);
    const events = await t.db.selectFrom("request_events").select("to_state").where("request_id", "=", id).orderBy("created_at").execute();
    expect(events.map((x) => x.to_state)).toEqual(["received", "verified", "collecting"]);
  });

  it("[VERIFY]: specific pieces with 2 of 3 points are downgraded to categories with M-UNV-SP (X1)", async () => {
    const id = await request("specific", { name: olivia.fullName, email: olivia.email, phone: "(415) 555-0100" });
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true, declaration: SIGNED })).toEqual({ status: "downgraded", level: "reasonable", message: "M-UNV-SP" });
    const r = await row(id);
    expect([r.state, r.verification_level, r.type]).toEqual(["collecting", "reasonable", "specific"]);
    expect(await job(`collect_request:${id}`)).toBeDefined();
  });

  it("[VERIFY]: 3 matching points without the declaration are downgraded too (R16)", async () => {
    const id = await request("specific", { name: olivia.fullName, email: olivia.email, phone: olivia.phone! });
    expect((await completeVerification(ctx, { requestId: id, emailVerified: true })).status).toBe("downgraded");
    expect((await evidence(id))[0]!.declaration_name).toBeNull();
  });

  it("[VERIFY]: one matching point is denied as unverifiable with the M-UNV-CAT notice queued (X2)", async () => {
    const id = await request("categories", { name: "Someone Else", email: olivia.email, phone: "(415) 555-0100" });
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true })).toEqual({ status: "unverifiable", level: "none", message: "M-UNV-CAT" });
    const r = await row(id);
    expect([r.state, r.denial_reason, r.verification_level]).toEqual(["denied", "unverifiable", "none"]);
    expect(await job(`send_mail:request_denied_unverified:${id}`)).toEqual({ kind: "send_mail", state: "queued" });
    expect(await job(`collect_request:${id}`)).toBeUndefined();
    expect((await evidence(id)).map((e) => [JSON.parse(e.matched_points), e.level])).toEqual([[["email"], "none"]]);
  });

  it("[VERIFY]: a namesake never matches: the name alone, or someone else's details without their e-mail, verify nobody", async () => {
    // The Texan José Núñez, with his own address, typing the Californian's name and phone.
    const a = await request("categories", { name: jose.fullName, email: namesake.email, phone: jose.phone! });
    expect((await completeVerification(ctx, { requestId: a, emailVerified: true })).status).toBe("unverifiable");
    // Everything about José Núñez Ortega except his e-mail: no record at that address, nothing matches.
    const b = await request("specific", { name: jose.fullName, email: uniqueEmail("jose"), phone: jose.phone!, address: addressOf(jose) });
    expect(await completeVerification(ctx, { requestId: b, emailVerified: true, declaration: { ...SIGNED, typedName: jose.fullName } })).toEqual({
      status: "unverifiable",
      level: "none",
      message: "M-UNV-SP",
    });
    // The namesake's own request with his own details still works: 3 points.
    const c = await request("categories", { name: namesake.fullName, email: namesake.email, phone: namesake.phone! });
    expect((await completeVerification(ctx, { requestId: c, emailVerified: true })).status).toBe("verified");
  });

  it("[SECURITY]: a person the business has no identity record for gets the same answer as a mismatch (X25)", async () => {
    const unknown = await request("categories", { name: zoe.fullName, email: zoe.email, phone: zoe.phone! });
    const mismatch = await request("categories", { name: "Nobody Here", email: olivia.email, phone: "(415) 555-0100" });
    const [u, m] = [await completeVerification(ctx, { requestId: unknown, emailVerified: true }), await completeVerification(ctx, { requestId: mismatch, emailVerified: true })];
    expect(u).toEqual(m);
    expect((await row(unknown)).denial_reason).toBe("unverifiable");
  });

  it("[VERIFY]: a non-resident is processed by default and the policy is recorded; 'decline' denies with M-NOT-CONSUMER (R1, X12)", async () => {
    const processed = await request("categories", { name: olivia.fullName, email: olivia.email }, { californiaResident: false });
    expect((await completeVerification(ctx, { requestId: processed, emailVerified: true })).status).toBe("verified");
    const audit = await t.db.selectFrom("audit_events").select("details").where("request_id", "=", processed).where("action", "=", "verification.residency_policy").execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ californiaResident: false, policy: "process" }]);

    const declined = await request("categories", { name: olivia.fullName, email: olivia.email }, { californiaResident: false });
    expect(await completeVerification(ctx, { requestId: declined, emailVerified: true, residencyPolicy: "decline" })).toEqual({ status: "not_a_consumer", message: "M-NOT-CONSUMER" });
    expect([(await row(declined)).state, (await row(declined)).denial_reason]).toEqual(["denied", "not_a_consumer"]);
    expect(await job(`send_mail:request_denied:${declined}`)).toBeDefined();
    expect(await evidence(declined)).toEqual([]);
  });

  it("[VERIFY]: a second submission (another tab, a double click) changes nothing", async () => {
    const id = await request("categories", { name: olivia.fullName, email: olivia.email });
    const results = await Promise.all([1, 2].map(() => completeVerification(ctx, { requestId: id, emailVerified: true })));
    expect(results.map((r) => r.status).sort()).toEqual(["already_decided", "verified"]);
    expect(await evidence(id)).toHaveLength(1);
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true })).toEqual({ status: "already_decided", state: "collecting" });
  });

  it("[SECURITY]: refuses unknown requests and unsigned-but-claimed declarations without echoing input", async () => {
    await expect(completeVerification(ctx, { requestId: "0".repeat(26), emailVerified: true })).rejects.toMatchObject({ code: "not_found" });
    const id = await request("specific", { name: olivia.fullName, email: olivia.email });
    await expect(completeVerification(ctx, { requestId: id, emailVerified: true, declaration: { ...SIGNED, typedName: "  " } })).rejects.toMatchObject({
      code: "validation",
      details: { fields: ["declaration.typedName"] },
    });
  });
});

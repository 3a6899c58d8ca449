import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../../db/migrate";
import { migrations } from "../../../db/migration-list";
import type { Database } from "../../../db/schema";
import { nowDbTime } from "../../../server/lib/clock";
import { newId } from "../../../server/lib/ids";
import { testDialects, type TestDatabase } from "../../support/dialects";

describe.each(testDialects())("portal migrations on $name", (dialect) => {
  let t: TestDatabase<Database>;
  beforeAll(async () => {
    t = await dialect.create<Database>();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: creates every core table, and a second run applies nothing", async () => {
    const first = await migrateToLatest(t.db);
    expect(first.applied).toEqual(Object.keys(migrations));
    const second = await migrateToLatest(t.db);
    expect(second.applied).toEqual([]);
    const tables = (await t.db.introspection.getTables()).map((table) => table.name);
    for (const name of ["requests", "request_events", "verification_challenges", "agents", "authorizations", "staff_users", "jobs", "reports", "report_chunks", "audit_events"]) {
      expect(tables).toContain(name);
    }
  });

  it("[OPS]: stores UTC text times, 0/1 flags, JSON text and blobs identically on both dialects", async () => {
    const id = newId();
    const now = nowDbTime();
    await t.db
      .insertInto("requests")
      .values({
        id,
        type: "specific",
        state: "received",
        channel: "web",
        period: "12_months",
        period_start: "2025-11-29",
        period_end: "2026-11-29",
        language: "es",
        received_at: now,
        receipt_date: "2026-11-29",
        due_date: "2027-01-12",
        verification_level: "none",
        california_resident: 1,
        subject_name: "José Núñez",
        subject_email: "jose@example.test",
        subject_address: JSON.stringify({ city: "San José" }),
        created_at: now,
        updated_at: now,
        version: 0,
      })
      .execute();
    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.received_at).toBe(now);
    expect(row.california_resident).toBe(1);
    expect(row.subject_name).toBe("José Núñez");
    expect(JSON.parse(row.subject_address!)).toEqual({ city: "San José" });
    expect(row.version).toBe(0);

    const reportId = newId();
    await t.db
      .insertInto("reports")
      .values({ id: reportId, request_id: id, format: "pdf", storage: "database", storage_key: reportId, sha256: "0".repeat(64), size_bytes: 3, created_at: now, expires_at: now })
      .execute();
    await t.db.insertInto("report_chunks").values({ report_id: reportId, seq: 0, data: Buffer.from([0, 255, 7]) }).execute();
    const chunk = await t.db.selectFrom("report_chunks").select("data").where("report_id", "=", reportId).executeTakeFirstOrThrow();
    expect(Buffer.from(chunk.data)).toEqual(Buffer.from([0, 255, 7]));
  });

  it("[OPS]: refuses a second report of the same format for one request (retries must not duplicate)", async () => {
    const request = await t.db.selectFrom("requests").select("id").executeTakeFirstOrThrow();
    const now = nowDbTime();
    const insert = () =>
      t.db
        .insertInto("reports")
        .values({ id: newId(), request_id: request.id, format: "json", storage: "disk", storage_key: "k", sha256: "0".repeat(64), size_bytes: 1, created_at: now, expires_at: now })
        .execute();
    await insert();
    await expect(insert()).rejects.toThrow();
  });

  it("[OPS]: enforces the request foreign key on state history", async () => {
    await expect(
      t.db
        .insertInto("request_events")
        .values({ id: newId(), request_id: "missing", to_state: "received", actor_kind: "system", created_at: nowDbTime() })
        .execute(),
    ).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*) as n from request_events`.execute(t.db);
    expect(Number(count.rows[0]!.n)).toBe(0);
  });
});

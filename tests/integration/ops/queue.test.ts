import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { calendarDateIn } from "../../../server/lib/calendar-date";
import { denyRequest } from "../../../server/ops/deny-request";
import { listQueue } from "../../../server/ops/list-queue";
import { parseQueueQuery, QUEUE_PAGE_SIZE } from "../../../server/ops/queue-query";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { reindexRequestSearchKeys } from "../../../server/requests/reindex-request-search-keys";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { backdatedRequestInput, createMigratedContext, sampleRequestInput } from "../../support/test-context";

const STAFF_ID = "0000000000000000000000staf";
const STAFF = { kind: "staff" as const, id: STAFF_ID };
const AGENT_ID = "0000000000000000000000agnt";

const query = (params: Record<string, string> = {}) => parseQueueQuery(new URLSearchParams(params));

describe.each(testDialects())("ops queue on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const ids = {} as Record<"extended" | "day30" | "agent" | "day2" | "overdue" | "denied", string>;

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
    // Received 40, 30 and 2 days ago and today (agents submit online: no earlier receipt time);
    // the 40-day one is extended, so it moves to the back.
    ids.extended = (await createRequest(ctx, backdatedRequestInput(40, { channel: "phone" }))).id;
    await extendRequest(ctx, { requestId: ids.extended, actor: STAFF, reason: "Archive restore" });
    ids.day30 = (await createRequest(ctx, backdatedRequestInput(30, { channel: "mail", type: "specific" }))).id;
    ids.agent = (await createRequest(ctx, sampleRequestInput({ channel: "agent", agentId: AGENT_ID, actor: { kind: "agent", id: AGENT_ID } }))).id;
    ids.day2 = (await createRequest(ctx, backdatedRequestInput(2, { channel: "email" }))).id;
    ids.overdue = (await createRequest(ctx, backdatedRequestInput(50, { channel: "phone" }))).id;
    ids.denied = (await createRequest(ctx, backdatedRequestInput(44, { channel: "phone" }))).id;
    await denyRequest(ctx, { requestId: ids.denied, staffId: STAFF_ID, denialReason: "not_a_consumer", reason: "Lives in Oregon", expectedVersion: 0 });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: lists open requests by effective due date, soonest first, with days left and marks (R8)", async () => {
    const page = await listQueue(ctx, { query: query() });
    expect(page.items.map((i) => i.id)).toEqual([ids.overdue, ids.day30, ids.day2, ids.agent, ids.extended]);
    expect(page.total).toBe(5);
    const byId = Object.fromEntries(page.items.map((i) => [i.id, i]));
    // Receipt day is day 1: received 50 days ago means due 6 days ago.
    expect(byId[ids.overdue]!.due).toEqual({ daysLeft: -6, status: "overdue" });
    expect(byId[ids.day30]!.due).toEqual({ daysLeft: 14, status: "ok" });
    expect(byId[ids.extended]!.due).toEqual({ daysLeft: 49, status: "ok" });
    expect(byId[ids.extended]).toMatchObject({ extended: true, channel: "phone" });
    expect(byId[ids.agent]).toMatchObject({ viaAgent: true, channel: "agent", subjectName: "Ana Example" });
    // No contact details in a list row.
    expect(JSON.stringify(page)).not.toMatch(/example\.test/i);
  });

  it("[OPS]: marks a request received 40 days ago as due soon and one received 44 days ago as due today", async () => {
    const soon = await createRequest(ctx, backdatedRequestInput(40));
    const today = await createRequest(ctx, backdatedRequestInput(44));
    const items = (await listQueue(ctx, { query: query({ q: soon.id }) })).items;
    expect(items[0]!.due).toEqual({ daysLeft: 4, status: "due_soon" });
    expect((await listQueue(ctx, { query: query({ q: today.id }) })).items[0]!.due).toEqual({ daysLeft: 0, status: "due_today" });
    await t.db.deleteFrom("requests").where("id", "in", [soon.id, today.id]).execute();
  });

  it("[OPS]: filters by state, channel, type and agent; answered requests have no clock", async () => {
    const ofQuery = async (params: Record<string, string>) => (await listQueue(ctx, { query: query(params) })).items.map((i) => i.id);
    expect(await ofQuery({ state: "denied" })).toEqual([ids.denied]);
    expect((await listQueue(ctx, { query: query({ state: "denied" }) })).items[0]!.due).toBeNull();
    expect(await ofQuery({ state: "all" })).toHaveLength(6);
    expect(await ofQuery({ channel: "phone" })).toEqual([ids.overdue, ids.extended]);
    expect(await ofQuery({ channel: "phone", state: "all" })).toEqual([ids.overdue, ids.denied, ids.extended]);
    expect(await ofQuery({ type: "specific" })).toEqual([ids.day30]);
    expect(await ofQuery({ agent: "yes" })).toEqual([ids.agent]);
    expect(await ofQuery({ agent: "no" })).toEqual([ids.overdue, ids.day30, ids.day2, ids.extended]);
    // Unknown values fall back to "any" rather than failing the page.
    expect(await ofQuery({ channel: "pigeon", type: "x", agent: "maybe", state: "nope" })).toHaveLength(5);
  });

  it("[OPS]: finds one request by its exact id in any state and case; a partial id finds nothing", async () => {
    expect((await listQueue(ctx, { query: query({ q: ` ${ids.denied.toUpperCase()} `, state: "received" }) })).items.map((i) => i.id)).toEqual([ids.denied]);
    expect(await listQueue(ctx, { query: query({ q: ids.denied.slice(0, 10) }) })).toMatchObject({ items: [], total: 0 });
    expect(query({ q: "x" }).badSearch).toBe(true);
  });

  it("[OPS]: pages through the queue without overlap and clamps a page beyond the end", async () => {
    const extra = [];
    for (let i = 0; i < QUEUE_PAGE_SIZE + 3; i += 1) extra.push((await createRequest(ctx, backdatedRequestInput(i % 20, { channel: "mail" }))).id);
    const first = await listQueue(ctx, { query: query({ channel: "mail" }) });
    const second = await listQueue(ctx, { query: query({ channel: "mail", page: "2" }) });
    expect(first).toMatchObject({ total: QUEUE_PAGE_SIZE + 4, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
    expect(second.items).toHaveLength(4);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(QUEUE_PAGE_SIZE + 4);
    const dues = all.map((i) => i.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect((await listQueue(ctx, { query: query({ channel: "mail", page: "99" }) })).page).toBe(2);
    await t.db.deleteFrom("requests").where("id", "in", extra).execute();
  });

  it("[OPS]: finds a requester by whole e-mail (any case, non-ASCII), phone in any format, or part of the name (17.4)", async () => {
    const made = [
      (await createRequest(ctx, sampleRequestInput({ subject: { name: "Stanisław Wójcik", email: "Stanisław.Wójcik@WP.pl", phone: "(415) 555-0142" } }))).id,
      (await createRequest(ctx, sampleRequestInput({ subject: { name: "Olivia Bennett", email: "olivia@brightharbor.example" } }))).id,
    ];
    const ofSearch = async (q: string, extra: Record<string, string> = {}) => (await listQueue(ctx, { query: query({ q, ...extra }) })).items.map((i) => i.id);
    expect(await ofSearch("stanisław.wójcik@wp.pl")).toEqual([made[0]]);
    expect(await ofSearch(" STANISŁAW.WÓJCIK@wp.PL ")).toEqual([made[0]]);
    expect(await ofSearch("+1 415 555 0142")).toEqual([made[0]]);
    expect(await ofSearch("415.555.0142")).toEqual([made[0]]);
    expect(await ofSearch("bennett")).toEqual([made[1]]);
    expect(await ofSearch("Olivia B")).toEqual([made[1]]);
    // Exact for addresses: part of one finds nothing, and the name search takes % literally.
    expect(await ofSearch("olivia@brightharbor")).toEqual([]);
    expect(query({ q: "olivia@" }).badSearch).toBe(true);
    expect(await ofSearch("%")).toEqual([]);
    // A person search shows every state; a chosen state still applies.
    expect(await ofSearch("ana@example.test")).toHaveLength(6);
    expect(await ofSearch("ana@example.test", { state: "denied" })).toEqual([ids.denied]);
    // The database holds keys, not a searchable copy of the address.
    const row = await t.db.selectFrom("requests").select(["subject_email_key", "subject_phone_key"]).where("id", "=", made[0]!).executeTakeFirstOrThrow();
    expect(row.subject_email_key).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toMatch(/wójcik|4155550142/i);
    await t.db.deleteFrom("requests").where("id", "in", made).execute();
  });

  it("[OPS]: filters by due window and sorts by due date or receipt, both ways (17.4)", async () => {
    const ofQuery = async (params: Record<string, string>) => (await listQueue(ctx, { query: query(params) })).items.map((i) => i.id);
    expect(await ofQuery({ due: "overdue" })).toEqual([ids.overdue]);
    expect(await ofQuery({ due: "14" })).toEqual([ids.overdue, ids.day30]);
    expect(await ofQuery({ due: "30", state: "all" })).toEqual([ids.overdue, ids.day30]);
    expect(await ofQuery({ sort: "due_desc" })).toEqual([ids.extended, ids.agent, ids.day2, ids.day30, ids.overdue]);
    expect(await ofQuery({ sort: "received_desc" })).toEqual([ids.agent, ids.day2, ids.day30, ids.extended, ids.overdue]);
    expect(await ofQuery({ sort: "received" })).toEqual([ids.overdue, ids.extended, ids.day30, ids.day2, ids.agent]);
  });

  it("[OPS]: rows from before the search keys, or keyed under an old secret, are re-keyed at start-up (ADR 039)", async () => {
    await t.db.updateTable("requests").set({ subject_email_key: null, subject_phone_key: null }).where("id", "=", ids.day2).execute();
    await t.db.updateTable("requests").set({ subject_email_key: "deadbeef:00" }).where("id", "=", ids.day30).execute();
    expect(await reindexRequestSearchKeys(ctx)).toBe(2);
    expect(await reindexRequestSearchKeys(ctx)).toBe(0);
    expect((await listQueue(ctx, { query: query({ q: "ana@example.test", state: "all" }) })).total).toBe(6);
  });

  it("[OPS]: counts days left from today's Pacific date", async () => {
    // 2026-03-03 05:00 UTC is still 2026-03-02 in Los Angeles.
    const now = new Date("2026-03-03T05:00:00Z");
    expect(calendarDateIn(now, "America/Los_Angeles")).toBe("2026-03-02");
    const row = (await listQueue(ctx, { query: query({ q: ids.day2 }), now })).items[0]!;
    const expected = Math.round((Date.parse(row.dueDate) - Date.parse("2026-03-02")) / 86_400_000);
    expect(row.due?.daysLeft).toBe(expected);
  });
});

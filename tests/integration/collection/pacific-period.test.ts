import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { testDialects } from "../../support/dialects";
import { byEmail, createDemoSource, recordsOf, type DemoSource } from "./fixtures";

const olivia = demoPerson("ordinary");

/** A page view of Olivia's at a UTC time, stored as the demo stores times ("YYYY-MM-DD HH:MM:SS.mmm", UTC). */
const visit = (id: number, at: string) => ({
  id, source: "web", cookie_id: null, device_id: null, user_id: olivia.userId, event_type: "page_view", url: `https://www.parlay.example/boundary/${id}`,
  referrer: null, user_agent: "test", ip_address: "192.0.2.7", ip_city: null, ip_region: null, ip_country: null, occurred_at: at,
});

// Issue 15 item 3: the period's days are California days (RECEIPT_TIME_ZONE), as the receipt date
// is: receipt on 2026-11-01 (PST from 2 a.m. that day) covers 2025-11-01 00:00 PDT to the end of
// 2026-11-01 PST, i.e. [2025-11-01T07:00Z, 2026-11-02T08:00Z).
describe.each(testDialects())("the period cut at midnight Pacific on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
    await demo.t.db.insertInto("web_app_events").values([
      visit(9_800_001, "2025-11-01 06:59:59.999"), // 31 Oct 2025, 11:59 p.m. PDT: before the period
      visit(9_800_002, "2025-11-01 07:00:00.000"), // 1 Nov 2025, midnight PDT: first instant inside
      visit(9_800_003, "2026-11-02 03:30:00.000"), // 1 Nov 2026, 7:30 p.m. PST, the receipt day: inside (UTC says 2 Nov)
      visit(9_800_004, "2026-11-02 07:59:59.999"), // 1 Nov 2026, 11:59 p.m. PST: last instant inside
      visit(9_800_005, "2026-11-02 08:00:00.000"), // 2 Nov 2026, midnight PST: after the period
    ] as never).execute();
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[PERIOD]: keeps exactly the visits of the covered California days (R28, 7024(h))", async () => {
    const run = await demo.collect(byEmail(olivia), "12_months");
    expect(run.summary.period).toMatchObject({ start: "2025-11-01", end: "2026-11-01" });
    const keys = recordsOf(run, "web_app_events").map((r) => r.recordKey).filter((k) => k.startsWith("98000"));
    expect(keys.sort()).toEqual(["9800002", "9800003", "9800004"]);
  });
});

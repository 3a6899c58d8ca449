import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { createDrpRouter } from "../../../server/drp/create-drp-router";
import { closeIdentitySources } from "../../../server/verification/find-identity-record";
import type { TestDatabase } from "../../support/dialects";
import { DrpAgentSimulator } from "../../support/drp-agent-simulator";
import { createTestContext, durableDialects } from "../../support/test-context";

const BUSINESS = "PARLAY_TEST_01";
const olivia = demoPerson("ordinary");

// Issue 16 item 9: eight simultaneous submissions with one agent-request-id got 500s
// (ER_DUP_ENTRY), and the replay marker of a body that got a 500 was already burned.
describe.each(durableDialects())("DRP submissions racing on one agent-request-id on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let source: TestDatabase<DemoBusinessDb>;
  let ctx: AppContext;
  let dir: string;
  let server: Server;
  let api: string;
  const agent = new DrpAgentSimulator("TEST_AA_RACE_01");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    source = await dialect.create<DemoBusinessDb>();
    await seedDemoBusiness(source.db, { dialect: source.dialect, people: 20 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-drp-race-"));
    const directory = path.join(dir, "agents.json");
    fs.writeFileSync(directory, JSON.stringify([agent.directoryEntry()]));
    ctx = createTestContext(t, { DATA_DIR: dir, DEMO_SOURCE_URL: source.url, DRP_DIRECTORY: directory, DRP_BUSINESS_ID: BUSINESS, PUBLIC_URL: "https://portal.example" });
    const app = express();
    app.use("/drp", createDrpRouter(ctx));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/drp`;
    expect((await agent.register(api, BUSINESS)).status).toBe(200);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (ctx) await closeIdentitySources(ctx.env);
    await source?.cleanup();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[DRP]: eight at once get one request and its status, never a 500; each body's exact resend gets that status too", async () => {
    const now = Date.now();
    const marked = (await t.db.selectFrom("drp_replays").select("id").execute()).length;
    const claims = { exercise: "access", regime: "ccpa", name: olivia.fullName, email: olivia.email, email_verified: false, "agent-request-id": "race-1" };
    // Eight different bodies (issued a second apart), as an agent retrying on a timeout sends.
    const bodies = Array.from({ length: 8 }, (_, i) => agent.sign({ ...agent.envelope(BUSINESS, { issuedAt: new Date(now - i * 1000) }), ...claims }));
    const answers = await Promise.all(bodies.map((body) => agent.submit(api, BUSINESS, {}, { body })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const ids = new Set(answers.map((a) => a.json.request_id as string));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.json.agent_request_id === "race-1")).toBe(true);
    const rows = await t.db.selectFrom("drp_requests").select("request_id").where("agent_request_id", "=", "race-1").execute();
    expect(rows).toHaveLength(1);
    expect(await t.db.selectFrom("requests").select("id").where("channel", "=", "drp").execute()).toHaveLength(1);

    // The winner's body was acted on: its exact resend is a replay. Every loser's body was not:
    // its resend is answered with the existing status, not a fatal 403.
    expect(await t.db.selectFrom("drp_replays").select("id").execute()).toHaveLength(marked + 1);
    const resends = await Promise.all(bodies.map((body) => agent.submit(api, BUSINESS, {}, { body })));
    expect(resends.filter((r) => r.status === 403 && r.json.fatal === true)).toHaveLength(1);
    const answered = resends.filter((r) => r.status === 200);
    expect(answered).toHaveLength(7);
    expect(new Set(answered.map((r) => r.json.request_id))).toEqual(ids);
  }, 60_000);
});

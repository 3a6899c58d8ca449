import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader } from "../../../app/routes/requests.$requestId";
import { commitConsumerSession } from "../../../app/lib/consumer-session.server";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { insertDrpRequest } from "../../../server/drp/drp-requests.repository";
import { ensureDrpAgent } from "../../../server/drp/ensure-drp-agent";
import type { DirectoryAgent } from "../../../server/drp/load-drp-directory";
import { resolveDrpReturn } from "../../../server/drp/resolve-drp-return";
import { createRequest } from "../../../server/requests/create-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { DrpAgentSimulator } from "../../support/drp-agent-simulator";
import { createMigratedContext, createTestContext, sampleRequestInput } from "../../support/test-context";

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;

// DRP 1.0 §3.04: the agent opens our user_verification_url for its user with `request_id` and
// `redirect_to`; a mismatched request_id is refused, success sends the user back, failure never does.
describe.each(testDialects())("the way back to a DRP agent's app on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let dir: string;
  let requestId: string;
  const agent = new DrpAgentSimulator("TEST_AA_RETURN_01");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-drp-return-"));
    const directory = path.join(dir, "agents.json");
    fs.writeFileSync(directory, JSON.stringify([agent.directoryEntry()]));
    ({ t } = await createMigratedContext(dialect));
    ctx = createTestContext(t, { DRP_DIRECTORY: directory, DRP_BUSINESS_ID: "PARLAY_TEST_01" });
    const row = await ensureDrpAgent(ctx, agent.directoryEntry() as DirectoryAgent);
    ({ id: requestId } = await createRequest(ctx, sampleRequestInput({ channel: "drp", californiaResident: null, agentId: row.id, actor: { kind: "agent", id: row.id } })));
    await insertDrpRequest(ctx.db, { request_id: requestId, agent_id: row.id, agent_request_id: null, status_callback: "https://callbacks.agent-api.example/drp", drp_version: "0.9", exercise: "access", regime: "ccpa", revoked_at: null, created_at: "2026-12-07 04:00:00.000" });
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[DRP]: only the agent's own hosts are followed, and a request_id for another request is refused", async () => {
    const resolve = (redirectTo: string | null, claimed: string | null = requestId, id = requestId) => resolveDrpReturn(ctx, { requestId: id, claimedRequestId: claimed, redirectTo });
    // Its directory web_url and the status_callback it signed.
    expect(await resolve("https://agent.example.org/requests/done?x=1")).toEqual({ status: "return", url: "https://agent.example.org/requests/done?x=1" });
    expect(await resolve("https://callbacks.agent-api.example/back")).toEqual({ status: "return", url: "https://callbacks.agent-api.example/back" });
    // Anyone else's, look-alikes, credentials, scripts and garbage: no way back.
    for (const bad of ["https://evil.example/phish", "https://agent.example.org.evil.example/", "https://user:pw@agent.example.org/", "javascript:alert(1)", "//agent.example.org/x", "not a url", `https://agent.example.org/${"a".repeat(2100)}`]) {
      expect(await resolve(bad)).toEqual({ status: "none" });
    }
    // A request that did not come over DRP has no way back; a mismatched id is refused before any lookup.
    const { id: webId } = await createRequest(ctx, sampleRequestInput());
    expect(await resolve("https://agent.example.org/done", webId, webId)).toEqual({ status: "none" });
    expect(await resolve("https://agent.example.org/done", webId)).toEqual({ status: "mismatch" });
    expect(await resolve(null, "01hzzzzzzzzzzzzzzzzzzzzzzz", "01hyyyyyyyyyyyyyyyyyyyyyyy")).toEqual({ status: "mismatch" });
  });

  it("[DRP]: the page refuses a mismatched link, keeps an allowed way back, and follows it once the consumer is verified", async () => {
    const context = { app: ctx } as AppLoadContext;
    const get = async (url: string, cookies: string[] = []) => {
      try {
        return await loader({ request: new Request(`http://127.0.0.1${url}`, { headers: { Cookie: cookies.join("; ") } }), context, params: { requestId } });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };

    const mismatch = (await get(`/requests/${requestId}?request_id=01hzzzzzzzzzzzzzzzzzzzzzzz&redirect_to=https%3A%2F%2Fagent.example.org%2Fdone`)) as { data: { view: string }; init: { status: number } };
    expect(mismatch.init.status).toBe(400);
    expect(mismatch.data.view).toBe("mismatch");

    // A stranger's host: the parameters are dropped from the address bar and nothing is kept.
    const evil = (await get(`/requests/${requestId}?request_id=${requestId}&redirect_to=https%3A%2F%2Fevil.example%2F`)) as Response;
    expect(evil.status).toBe(302);
    expect(evil.headers.get("Location")).toBe(`/requests/${requestId}`);
    expect(evil.headers.get("Set-Cookie") ?? "").not.toContain("rtk_drp_return");

    const kept = (await get(`/requests/${requestId}?request_id=${requestId}&redirect_to=https%3A%2F%2Fagent.example.org%2Fdone`)) as Response;
    expect(kept.status).toBe(302);
    expect(kept.headers.get("Location")).toBe(`/requests/${requestId}`);
    const returnCookie = kept.headers.getSetCookie().find((c) => c.startsWith("rtk_drp_return="))!;
    expect(returnCookie).toContain("HttpOnly");
    const session = cookiePair(await commitConsumerSession(context, { requestId }));

    // Signed in but not yet verified: the status page, no redirect (failure or cancel never goes back).
    const waiting = (await get(`/requests/${requestId}`, [cookiePair(returnCookie), session])) as { data: { view: string } };
    expect(waiting.data.view).toBe("status");

    await t.db.updateTable("requests").set({ state: "verified" }).where("id", "=", requestId).execute();
    const back = (await get(`/requests/${requestId}`, [cookiePair(returnCookie), session])) as Response;
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("https://agent.example.org/done");
    expect(back.headers.getSetCookie().find((c) => c.startsWith("rtk_drp_return="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // Without the way back (another browser), the verified consumer simply sees the status page.
    expect(((await get(`/requests/${requestId}`, [session])) as { data: { view: string } }).data.view).toBe("status");
  });
});

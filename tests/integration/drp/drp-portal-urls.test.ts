import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { DrpAgentSimulator } from "../../support/drp-agent-simulator";
import { sendRequest, startListeningPortal, type PortalProcess } from "../../support/portal-process";

const BUSINESS = "PARLAY_TEST_01";

/** The page without what differs per response by design (its CSRF token, script nonces) nor the id itself. */
function comparable(html: string, id: string): string {
  const token = /name="csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf"/.exec(html);
  const csrf = token?.[1] ?? token?.[2];
  expect(csrf).toBeTruthy();
  return html.replaceAll(id, "<id>").replaceAll(csrf!, "<csrf>").replace(/nonce="[^"]*"/g, 'nonce=""');
}

// Issue 16 item 7: results_url and user_verification_url are the portal's request page, which
// answered 404 to anyone without the request's session: an agent or consumer following the link
// saw "not found". Any well-formed id now gets the same 200 sign-in page, real or made up, so
// existence stays hidden; a malformed id is still 404. Against the real server (built Remix app).
describe.each(testDialects())("DRP results and verification URLs on $name", (dialect) => {
  let portal: PortalProcess;
  let dir: string;
  const agent = new DrpAgentSimulator("TEST_AA_URLS_01");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-drp-urls-"));
    const directory = path.join(dir, "agents.json");
    fs.writeFileSync(directory, JSON.stringify([agent.directoryEntry()]));
    portal = await startListeningPortal(dialect, { DRP_DIRECTORY: directory, DRP_BUSINESS_ID: BUSINESS, RATE_LIMITS: "relaxed" });
  }, 60_000);
  afterAll(async () => {
    await portal?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[DRP]: the user_verification_url of a real request and a made-up well-formed id answer alike, 200", async () => {
    const api = `http://127.0.0.1:${portal.port}/drp`;
    expect((await agent.register(api, BUSINESS)).status).toBe(200);
    const res = await agent.submit(api, BUSINESS, { name: "Bennett, Olivia", email: "olivia@example.com", email_verified: false });
    expect(res.json).toMatchObject({ status: "in_progress", reason: "need_user_verification" });
    const id = res.json.request_id as string;
    const url = new URL(res.json.user_verification_url as string);
    expect(url.pathname).toBe(`/requests/${id}`);

    // As the agent opens it for the consumer (DRP 1.0 §3.04 adds redirect_to and request_id): the
    // page takes them (drp-return.test.ts) and sends the browser to the clean address, real or not.
    const madeUpId = "01hzzzzzzzzzzzzzzzzzzzzzzz";
    for (const page of [id, madeUpId]) {
      expect((await sendRequest(portal.port, "GET", `/requests/${page}?redirect_to=https%3A%2F%2Fagent.example.org%2Fdone&request_id=${page}`)).status).toBe(302);
      // A link whose request_id names another request is refused alike (DRP 1.0 §3.04).
      const mismatch = await sendRequest(portal.port, "GET", `/requests/${page}?redirect_to=https%3A%2F%2Fagent.example.org%2Fdone&request_id=01hyyyyyyyyyyyyyyyyyyyyyyy`);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body).toContain("This link does not match the request");
      expect(mismatch.body).toContain("or write to us at privacy@parlay.example");
    }
    const real = await sendRequest(portal.port, "GET", url.pathname);
    const madeUp = await sendRequest(portal.port, "GET", `/requests/${madeUpId}`);
    expect(real.status).toBe(200);
    expect(madeUp.status).toBe(200);
    expect(real.body).toContain("Sign in to see this request");
    expect(real.body).not.toMatch(/olivia|bennett/i);
    expect(comparable(real.body, id)).toBe(comparable(madeUp.body, madeUpId));

    // Malformed ids are still not found.
    for (const bad of ["not-an-id", "01HZZZZZZZZZZZZZZZZZZZZZZZ", `${id}x`]) expect((await sendRequest(portal.port, "GET", `/requests/${bad}`)).status).toBe(404);
  });
});

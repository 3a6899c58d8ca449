import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, type PortalProcess } from "../../support/portal-process";

// Bad input of every kind gets a clear message and changes nothing (DESIGN.md §7): a POST whose body
// is not a form used to reach request.formData() and come back as a 500.

const ACTIONS = ["/request", "/verify", "/ops/login", "/agent/login", "/agent/register", "/language"];

describe.each(testDialects())("actions given a body that is not a form, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { RATE_LIMITS: "relaxed" });
  }, 60_000);
  afterAll(() => portal.cleanup());

  it.each(ACTIONS)("[X]: POST %s with JSON, no content type or a broken multipart body answers 400 with a plain message", async (pathname) => {
    const bodies: { headers: Record<string, string>; body: string }[] = [
      { headers: { "content-type": "application/json" }, body: '{"email":"a@b.example"}' },
      { headers: {}, body: "email=a@b.example" },
      { headers: { "content-type": "multipart/form-data; boundary=x" }, body: "--x\r\nbroken" },
    ];
    for (const { headers, body } of bodies) {
      const res = await sendRequest(portal.port, "POST", pathname, { headers, body });
      expect(res.status).toBe(400);
      expect(res.body).toContain("did not carry a form");
    }
  });
});

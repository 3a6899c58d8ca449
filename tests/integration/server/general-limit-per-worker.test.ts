import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, waitUntil, type PortalProcess } from "../../support/portal-process";

// ADR 052: with two HTTP processes the general per-IP tier (page loads) is counted in each
// process, each allowing half of it, instead of asking the primary on every page. A client must
// still never get more than the limit (300 a minute) in all. The limits hold no data: SQLite only.

describe.each(testDialects().slice(0, 1))("the page-load limit across two HTTP processes, on $name", (dialect) => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startListeningPortal(dialect, { WEB_CONCURRENCY: "2", RATE_LIMITS: "on" });
  }, 90_000);
  afterAll(() => portal.cleanup());

  it("[X3]: 330 page loads in a minute, each on its own connection, get at most 300 answers and the rest a 429", async () => {
    // Both processes listen once the banner is out; a first answer from each is not needed.
    await waitUntil(async () => (await sendRequest(portal.port, "GET", "/healthz")).status === 200, "the portal");
    const statuses: number[] = [];
    for (let sent = 0; sent < 330; sent += 10) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => sendRequest(portal.port, "GET", "/no-such-page").then((r) => r.status)))));
    }
    const answered = statuses.filter((s) => s !== 429).length;
    expect(answered).toBeLessThanOrEqual(300);
    // Connections are dealt to the two processes in turn, so both use up their half.
    expect(answered).toBeGreaterThanOrEqual(280);
    expect(statuses.slice(-10)).toEqual(Array(10).fill(429));
  }, 60_000);
});

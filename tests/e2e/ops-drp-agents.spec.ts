import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DrpAgentSimulator } from "../support/drp-agent-simulator";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
/** The demo directory's agent: OSIRAA's public development key pair (drp.md §4.1). */
const DEMO_AGENT = new DrpAgentSimulator("CR_AA_DRP_ID_001_LOCAL", { seed: "098LMB1ayJW1N45oQ4J22ddU96gXr3/x5hEmKnPFpP0=" });
const BUSINESS = "PARLAY_DEMO_01";

async function expectAxeClean(page: Page, name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

test("[OPS]: signed-out clients cannot open or post to /ops/drp-agents", async ({ request }) => {
  const response = await request.get("/ops/drp-agents", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(/\/ops\/login/);
  const posted = await request.post("/ops/drp-agents", { form: { intent: "reload" }, maxRedirects: 0 });
  expect([302, 401, 403]).toContain(posted.status());
});

test("[OPS]: an admin disables a DRP agent, whose API calls are then refused, and enables it again", async ({ page, baseURL }) => {
  test.slow(); // two axe runs at two widths each, and a TOTP sign-in that may wait for the next step
  const api = `${baseURL}/drp`;
  expect((await DEMO_AGENT.register(api, BUSINESS)).status).toBe(200);

  await signInAsStaff(page, DEMO_ADMIN);
  await page.getByRole("link", { name: "DRP agents" }).click();
  await expect(page).toHaveURL(/\/ops\/drp-agents$/);
  const table = page.getByRole("table", { name: "Agents, their DRP id and status" });
  const row = table.getByRole("row").filter({ hasText: "CR_AA_DRP_ID_001_LOCAL" });
  await expect(row).toContainText("Enabled");
  await expectAxeClean(page, "drp-agents");

  await row.getByRole("button", { name: /^Disable/ }).click();
  await expect(page.getByRole("status")).toHaveText("OSIRAA local development agent is disabled.");
  await expect(row).toContainText("Disabled");
  const refused = await DEMO_AGENT.register(api, BUSINESS);
  expect(refused).toMatchObject({ status: 403, text: "" });
  await expectAxeClean(page, "drp-agents-disabled");

  await row.getByRole("button", { name: /^Enable/ }).click();
  await expect(row).toContainText("Enabled");
  expect((await DEMO_AGENT.register(api, BUSINESS)).status).toBe(200);
});

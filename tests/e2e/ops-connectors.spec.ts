import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

async function expectAxeClean(page: Page): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

test("[OPS]: signed-out clients get sign-in or 401 from /ops/connectors, never data", async ({ request }) => {
  for (const variant of ["/ops/connectors", "/ops/connectors.data"]) {
    const response = await request.get(variant, { maxRedirects: 0 });
    expect([302, 202], variant).toContain(response.status());
    expect(response.headers()["location"] ?? (await response.text()), variant).toMatch(/\/ops\/login/);
  }
  const posted = await request.post("/ops/connectors", { form: {}, maxRedirects: 0 });
  expect([302, 401, 403]).toContain(posted.status());
  expect(await posted.text()).not.toMatch(/parlay_app|legacy_crm/);
});

test("[OPS]: the admin sees each connector, presses Check now and sees OK", async ({ page }) => {
  await signInAsStaff(page, DEMO_ADMIN);
  await page.getByRole("link", { name: "Connectors" }).click();
  await expect(page).toHaveURL(/\/ops\/connectors$/);
  await expect(page.getByRole("heading", { level: 1, name: "Connectors" })).toBeVisible();
  const table = page.getByRole("table", { name: "Sources and their last collection run" });
  await expect(table.getByRole("rowheader", { name: /parlay_app/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /legacy_crm/ })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^OK: every source matches the data map/ })).toBeVisible({ timeout: 20_000 });
  await expectAxeClean(page);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("[CONSUMER]: the landing page explains the right to know and links to a request", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Find out what personal information Parlay has about you");
  await expect(page.getByRole("link", { name: "Start a request" })).toHaveAttribute("href", "/request");
  await expect(page.getByRole("heading", { name: "How long it takes" })).toBeVisible();
  await expect(page.getByText("45 calendar days")).toBeVisible();
  await expect(page.getByRole("link", { name: "Submit as an authorized agent" })).toBeVisible();
});

test("[CONSUMER]: the landing page has no WCAG 2.1 AA violations at desktop and phone width", async ({ page }) => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.goto("/");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/landing-${viewport.width}.png`, fullPage: true });
  }
});

test("[CONSUMER]: switching to Spanish translates the page and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sepa qué información personal tiene Parlay sobre usted");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.reload();
  await expect(page.getByRole("link", { name: "Iniciar una solicitud" })).toBeVisible();
});

test("[CONSUMER]: an unknown address shows a translated 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});

test("[OPS]: /healthz answers and responses carry strict security headers", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok");
  const page = await request.get("/");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Nothing leaves for other sites; same-site form posts keep their Origin (ADR 016).
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-request-id"]).toBeTruthy();
  expect(headers["x-powered-by"]).toBeUndefined();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("[CONSUMER]: the request form works as a plain HTML form and leads to the code step", async ({ page }) => {
    await page.goto("/request");
    await page.getByLabel("The categories of information we hold about you").check();
    await page.getByLabel("Full name").fill("Noa Script");
    await page.getByLabel("E-mail address").fill(`noscript.${Date.now().toString(36)}@example.test`);
    await page.getByRole("group", { name: "Do you live in California?" }).getByLabel("Yes", { exact: true }).check();
    await page.getByRole("button", { name: "Send my request" }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter the code we sent you");
  });
});

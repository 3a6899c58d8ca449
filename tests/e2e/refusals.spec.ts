import { expect, test, type Page } from "@playwright/test";
import { startSecondPortal } from "./support/second-portal";

// Issue 16 items 1 and 6 as a person sees them: a form too large for the portal, and a connection
// over the per-IP limit, each get the normal page with a message in the visitor's language, on a
// page load and on a client-side navigation or form (single fetch), never "Something went wrong".

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  }
}

test("[CONSUMER]: a form over 64 KB gets the translated 413 page, also when sent by the page's script", async ({ browser, baseURL }) => {
  const spanish = await browser.newContext({ locale: "es-US", baseURL });
  const page = await spanish.newPage();
  await page.goto("/request");
  // Typed (pasted) text far beyond any real name: the page's own form sends it with fetch.
  await page.locator('input[name="fullName"]').evaluate((input: HTMLInputElement) => (input.value = "a".repeat(100 * 1024)));
  await page.locator('input[name="email"]').fill("big@example.test");
  await page.locator('form.consumer-form button[type="submit"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Eso es más de lo que acepta este formulario");
  await expect(page.getByText("Algo salió mal")).toHaveCount(0);
  await shoot(page, "refused-413-es");

  // Without the page's script (a plain form post): the same page, status 413.
  const response = await page.request.post("/request", { form: { fullName: "a".repeat(100 * 1024) }, headers: { "Accept-Language": "en" } });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("That was more than this form accepts");
  await spanish.close();
});

test("[CONSUMER]: over the per-IP limit, a page load and a client-side navigation say how long to wait", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const portal = await startSecondPortal({ RATE_LIMITS: "on" });
  try {
    await page.goto(`${portal.baseURL}/`);
    await expect(page.getByRole("link", { name: "Start a request" })).toBeVisible();
    // Use up the 300 page loads a minute of this address (the test's own requests, loopback only).
    for (let sent = 0; sent < 300; sent += 20) {
      await Promise.all(Array.from({ length: 20 }, () => request.get(`${portal.baseURL}/no-such-page`)));
    }
    // Client-side navigation: the single-fetch data request gets the 429 and the page shows it.
    await page.getByRole("link", { name: "Start a request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please wait a moment");
    await expect(page.getByText(/Please wait \d+ seconds?, then try again/)).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await shoot(page, "refused-429-navigation-en");

    // A page load, in Spanish (a browser that asks for Spanish).
    const spanish = await browser.newContext({ locale: "es-US" });
    const esPage = await spanish.newPage();
    const response = await esPage.goto(`${portal.baseURL}/request`);
    expect(response?.status()).toBe(429);
    expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(esPage.getByRole("heading", { level: 1 })).toHaveText("Espere un momento, por favor");
    await expect(esPage.getByText(/Espere \d+ segundos? y vuelva a intentarlo/)).toBeVisible();
    await shoot(esPage, "refused-429-es");
    await spanish.close();
  } finally {
    await portal.stop();
  }
});

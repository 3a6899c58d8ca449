import { expect, test, type Page } from "@playwright/test";
import { demoPerson } from "../../db/demo-business/demo-people";
import { codeIn, mailTo } from "./support/mailbox";
import { startSecondPortal, type SecondPortal } from "./support/second-portal";
import { checkPage as checkPageAt } from "./support/check-page";

// California residency is asked, never proven (R1, X12); the business's RESIDENCY_POLICY decides
// what "No" means (ADR 016). The main e2e server keeps the default ("process"); the decline policy
// runs on a second portal process this file starts, because the setting is fixed per process.

const texan = demoPerson("namesake");
const CODE_SUBJECT = /verification code/;
const TITLE = "This process is for California residents";

const checkPage = (page: Page, name: string): Promise<void> => checkPageAt(page, `residency-${name}`);

/** Fills /request for a categories request answered "No" to residency and sends it; lands on /verify. */
async function askAsNonResident(page: Page, base: string, person: { fullName: string; email: string; phone?: string | null }): Promise<void> {
  await page.goto(`${base}/request`);
  await page.getByLabel("The categories of information we hold about you").check();
  await page.getByLabel("Full name").fill(person.fullName);
  await page.getByLabel("E-mail address").fill(person.email);
  if (person.phone) await page.getByLabel("Phone number").fill(person.phone);
  await page.getByRole("group", { name: "Do you live in California?" }).getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page).toHaveURL(/\/verify$/);
}

async function enterCode(page: Page, email: string, since: string): Promise<void> {
  await page.getByLabel("6-digit code").fill(codeIn(await mailTo(email, CODE_SUBJECT, since)));
  await page.getByRole("button", { name: "Confirm code" }).click();
}

test("[CONSUMER]: by default a Texan who answers No is verified and answered anyway, and told so (R1, X12)", async ({ page }) => {
  test.slow();
  const since = new Date(Date.now() - 1000).toISOString();
  await askAsNonResident(page, "", texan);
  await enterCode(page, texan.email, since);
  await expect(page).toHaveURL(/\/requests\/[0-9a-z]{26}\/confirm$/);
  await page.getByRole("button", { name: "Check my details" }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-z]{26}$/);
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByText(/we are handling your request anyway/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible({ timeout: 45_000 });
});

test.describe("with RESIDENCY_POLICY=decline", () => {
  let portal: SecondPortal;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    portal = await startSecondPortal({ RESIDENCY_POLICY: "decline" });
  });
  test.afterAll(async () => {
    await portal?.stop();
  });

  test("[CONSUMER]: the form warns beforehand; a No is declined right after the code with the reason, on the page and by mail (M-NOT-CONSUMER)", async ({ page }) => {
    test.slow();
    const email = `nonresident.${Date.now().toString(36)}@example.test`;
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto(`${portal.baseURL}/request`);
    await expect(page.getByText("if you answer No we cannot process your request")).toBeVisible();
    await askAsNonResident(page, portal.baseURL, { fullName: "Riley Example", email });
    await enterCode(page, email, since);

    // No data points to confirm: straight to the status page, which says why and offers nothing to download.
    await expect(page).toHaveURL(/\/requests\/[0-9a-z]{26}$/);
    const id = /\/requests\/([0-9a-z]{26})/.exec(page.url())![1]!;
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(page.getByText(/we are unable to process it, because you told us you do not live in California/)).toBeVisible();
    await expect(page.getByRole("link", { name: /Download/ })).toHaveCount(0);
    await checkPage(page, "declined-en");
    const notice = await mailTo(email, new RegExp(`Our answer to your request \\(${id}\\)`), since, 30_000);
    expect(notice.text).toContain("this process is for California residents");
    expect(notice.text).toContain("ask us to reconsider");

    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { name: "Este proceso es para residentes de California" })).toBeVisible();
    await expect(page.getByText(/no podemos tramitarla, porque nos dijo que no vive en California/)).toBeVisible();
    await checkPage(page, "declined-es");
  });
});

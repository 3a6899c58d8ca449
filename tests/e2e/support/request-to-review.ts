import { expect, type Page } from "@playwright/test";
import type { DemoPerson } from "../../../db/demo-business/demo-people";
import { waitOutThrottle } from "./code-throttle";
import { codeIn, mailTo } from "./mailbox";

/**
 * The consumer's side of a "specific pieces" request up to review (the specs that go on as staff):
 * the form, the code (after waiting out the per-address code throttle that another spec asking for
 * the same demo person may have started), the declaration (R19). Returns the request's id.
 */
export async function requestSpecificPiecesToReview(page: Page, person: DemoPerson): Promise<string> {
  const since = new Date(Date.now() - 1000).toISOString();
  await page.goto("/request");
  await page.getByLabel("A copy of the specific pieces of information").check();
  await page.getByLabel("Full name").fill(person.fullName);
  await page.getByLabel("E-mail address").fill(person.email);
  await page.getByLabel("Phone number").fill(person.phone!);
  await page.getByRole("group", { name: "Do you live in California?" }).getByLabel("Yes", { exact: true }).check();
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page).toHaveURL(/\/verify$/);
  // Only a code sent after the wait is this request's.
  const beforeWait = new Date(Date.now() - 1000).toISOString();
  const codeSince = (await waitOutThrottle(page)) ? beforeWait : since;
  await page.locator('input[name="code"]').fill(codeIn(await mailTo(person.email, /verification code/, codeSince, 30_000)));
  await page.getByRole("button", { name: "Confirm code" }).click();
  await page.getByLabel("Type your full name to sign").fill(person.fullName);
  await page.getByLabel("I sign this declaration").check();
  await page.getByRole("button", { name: "Sign and check my details" }).click();
  await expect(page.getByText(/A member of our privacy team is checking/)).toBeVisible({ timeout: 60_000 });
  return /\/requests\/([0-9a-z]{26})/.exec(page.url())![1]!;
}

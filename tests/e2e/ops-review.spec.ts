import { expect, test, type Page } from "@playwright/test";
import { demoPerson } from "../../db/demo-business/demo-people";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";
import { requestSpecificPiecesToReview } from "./support/request-to-review";
import { checkPage as checkPageAt } from "./support/check-page";

// Disclosure review (issue 7, part C): a specific-pieces request made through the consumer pages
// waits in review (REVIEW_REQUIRED=specific,agent, the default); the demo admin previews it,
// withholds a field with a basis and approves it; the consumer page then offers the download.

const marcus = demoPerson("never_disclose");

const checkPage = (page: Page, name: string): Promise<void> => checkPageAt(page, `ops-${name}`);

test("[OPS]: the admin previews an in-review disclosure, withholds a field with a basis and approves it", async ({ page, browser }) => {
  test.setTimeout(400_000);
  const requestId = await requestSpecificPiecesToReview(page, marcus);

  const staff = await browser.newContext();
  const ops = await staff.newPage();
  await signInAsStaff(ops, DEMO_ADMIN);
  await ops.goto(`/ops/requests/${requestId}`);
  const review = ops.getByRole("region", { name: "Disclosure review" });
  await expect(review).toBeVisible();
  await expect(review.getByText(marcus.fullName).first()).toBeVisible();
  await expect(review.getByText(/Collected, not shown/).first()).toBeVisible();
  await expect(review.getByText(marcus.neverDisclose!.ssn)).toHaveCount(0);
  await checkPage(ops, "review");

  // The field in every record of the dataset shown (issue 17 moved single records into the table rows).
  const form = review.locator("details.withhold:not(.withhold-record)").first();
  await form.locator("summary").click();
  await form.getByLabel("Basis").selectOption("other");
  await form.getByRole("button", { name: /^Withhold in all/ }).click();
  await expect(review.getByText('Nothing was withheld: choose the basis, and with "Other" write the reason the consumer will read.')).toBeVisible();
  if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator("summary").click();
  await form.getByLabel("Basis").selectOption("third_party_pi");
  await form.getByLabel("Reason", { exact: true }).fill("Names a colleague");
  await form.getByRole("button", { name: /^Withhold in all/ }).click();
  await expect(review.getByText("Withholding saved.")).toBeVisible();
  await expect(review.getByRole("cell", { name: "Names a colleague" })).toBeVisible();
  await expect(review.getByText("Withheld by review").first()).toBeVisible();
  await checkPage(ops, "review-withheld");

  await review.getByRole("button", { name: "Approve and release" }).click();
  await expect(ops.getByText(/Disclosure approved/)).toBeVisible();
  await expect(ops.getByRole("region", { name: "Disclosure review" })).toHaveCount(0);
  await checkPage(ops, "review-approved");
  await staff.close();

  await page.reload();
  await expect(page.getByRole("link", { name: "Download JSON" })).toBeVisible({ timeout: 45_000 });
  const json = JSON.parse(await (await page.context().request.get(`/requests/${requestId}/disclosure.json`)).text());
  expect(json.withheldByReview).toHaveLength(1);
  expect(json.withheldByReview[0].reason).toContain("1798.145(k)");
});

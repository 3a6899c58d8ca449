import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { demoPerson } from "../../db/demo-business/demo-people";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";
import { requestSpecificPiecesToReview } from "./support/request-to-review";
import { checkPage as checkPageAt } from "./support/check-page";

// The review desk (issue 17, "done when"): a reviewer pages to record 50 of a dataset and withholds
// it, sees the flagged mentions of someone else, withholds one with one click, bulk-withholds the
// colleague's name across all records, undoes the one-click withholding and approves; the JSON and
// the PDF then reflect exactly that (R30, R35, R42).

const olivia = demoPerson("ordinary");
const colleague = olivia.mentions![0]!;
const checkPage = (page: Page, name: string): Promise<void> => checkPageAt(page, `ops-desk-${name}`);

test("[OPS]: the reviewer pages to record 50, withholds it, bulk-withholds a colleague's name, undoes one withholding and approves", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const requestId = await requestSpecificPiecesToReview(page, olivia);

  const staff = await browser.newContext();
  const ops = await staff.newPage();
  await signInAsStaff(ops, DEMO_ADMIN);
  await ops.goto(`/ops/requests/${requestId}`);
  const review = ops.getByRole("region", { name: "Disclosure review" });
  await expect(review).toBeVisible({ timeout: 30_000 });

  // The mentions found for the reviewer: the support message naming a colleague is flagged.
  const mentions = review.locator(".review-mentions");
  await expect(mentions.getByRole("heading", { name: /mentions? someone else$/ })).toBeVisible();
  await expect(mentions.locator("mark", { hasText: colleague }).first()).toBeVisible();
  await checkPage(ops, "review");

  // Page to record 50 of a dataset that has at least 50 records, and withhold the whole record.
  const options = await review.getByLabel("Dataset").locator("option").evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? "" })));
  const dataset = options.find((o) => Number(/\((\d+)\)$/.exec(o.text)?.[1] ?? 0) >= 50)!;
  expect(dataset, "a dataset with at least 50 records").toBeDefined();
  await review.getByLabel("Dataset").selectOption(dataset.value);
  await review.getByLabel("Go to record").fill("50");
  await review.getByRole("button", { name: "Show", exact: true }).click();
  const row50 = review.getByRole("row", { name: /^Record 50\b/ });
  await expect(row50).toBeVisible();
  await row50.locator("summary").click();
  await row50.getByLabel("Basis").selectOption("security_risk");
  await row50.getByRole("button", { name: "Withhold record 50" }).click();
  await expect(review.getByText("Withholding saved.")).toBeVisible();
  await expect(review.getByRole("row", { name: /^Record 50\b/ }).getByText(/Withheld by review \(in this record\)/).first()).toBeVisible();
  await checkPage(ops, "record-50-withheld");

  // One click on a flagged mention, which is then undone.
  await mentions.locator("li", { hasText: colleague }).first().getByRole("button", { name: /^Withhold/ }).click();
  await expect(review.getByText("Withholding saved.")).toBeVisible();
  const withholdings = review.getByRole("region", { name: "Withholdings" });
  await expect(withholdings.getByRole("row")).toHaveCount(3);
  await expect(withholdings.getByText("Demo Admin").first()).toBeVisible();

  // Bulk: every value containing the colleague's name, previewed with its count first.
  await review.getByLabel("Text to withhold").fill(colleague);
  await review.getByRole("button", { name: "Preview" }).click();
  const previewed = review.locator(".review-match [role=status]");
  await expect(previewed).toContainText(/\d+ values? in \d+ records? contain this text/);
  const values = Number(/(\d+) values?/.exec((await previewed.textContent()) ?? "")![1]);
  expect(values).toBeGreaterThan(0);
  await checkPage(ops, "match-preview");
  await review.getByRole("button", { name: `Withhold these ${values} values` }).click();
  await expect(review.getByText("Withholding by match saved.")).toBeVisible();
  await expect(withholdings.getByRole("row")).toHaveCount(4);

  // Undo the one-click withholding (the match covers that message now).
  await withholdings.getByRole("row", { name: /One record/ }).filter({ hasNotText: "One whole record" }).getByRole("button", { name: /^Undo/ }).click();
  await expect(review.getByText("Withholding undone")).toBeVisible();
  await expect(withholdings.getByRole("row")).toHaveCount(3);
  await checkPage(ops, "after-undo");

  await review.getByRole("button", { name: "Approve and release" }).click();
  await expect(ops.getByText(/Disclosure approved/)).toBeVisible();
  await staff.close();

  await page.reload();
  await expect(page.getByRole("link", { name: "Download JSON" })).toBeVisible({ timeout: 90_000 });
  const json = await (await page.context().request.get(`/requests/${requestId}/disclosure.json`)).text();
  const document = JSON.parse(json) as { withheldByReview: { reasonCode: string; count: number; dataset: string; statement: string }[] };
  expect(json).not.toContain(colleague);
  const byMatch = document.withheldByReview.filter((w) => w.reasonCode === "third_party_pi");
  expect(byMatch.reduce((n, w) => n + w.count, 0)).toBe(values);
  const record50 = document.withheldByReview.filter((w) => w.reasonCode === "security_risk");
  expect(record50.length).toBeGreaterThan(0);
  expect(record50.every((w) => w.count === 1)).toBe(true);
  expect(document.withheldByReview).toHaveLength(byMatch.length + record50.length);

  const pdf = await (await page.context().request.get(`/requests/${requestId}/disclosure.pdf`)).body();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-e2e-desk-"));
  try {
    fs.writeFileSync(path.join(dir, "d.pdf"), pdf);
    // Raw reading order: pdfkit draws a table cell by cell, so each row's reason is one run of text.
    const text = execFileSync("pdftotext", [path.join(dir, "d.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).not.toContain(colleague);
    // One row per withheld field and dataset, each with its basis (the same rows as the JSON).
    expect(text.match(/This is personal information about another person/g)?.length ?? 0).toBe(byMatch.length);
    expect(text.match(/Disclosing it would create/g)?.length ?? 0).toBe(record50.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN, DEMO_REVIEWER, signInAsStaff } from "../support/ops-sign-in";
import { mailsTo, mailTo } from "./support/mailbox";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const SOME_ID = "0000000000000000000000none";
/** Every page route this change adds; the CSV resource routes are checked separately. */
const PAGES = ["/ops/requests", "/ops/requests/new", `/ops/requests/${SOME_ID}`, "/ops/audit", "/ops/metrics"];
const CSV_ROUTES = ["/ops/metrics.csv?year=2025", "/ops/request-log.csv?from=2025-01-01&to=2025-12-31"];

/** axe at desktop and phone width, with a full-page screenshot of each for review. */
async function checkA11yAndShoot(page: Page, name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/${name}-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The calendar date in Los Angeles `daysAgo` calendar days ago: staff type receipt dates in Pacific
 * time. Counted on the calendar, not as 24-hour spans: across a DST change, "40 x 24 h ago" late in
 * the evening lands on the next day (CI, stop 21: received a day late, "5 days left").
 */
function pacificDate(daysAgo: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  return addDays(today, -daysAgo);
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Fills the intake form and submits it; returns the new request's id from the page it lands on. */
async function recordIntake(page: Page, input: { channel: RegExp; daysAgo: number; name: string; email: string }): Promise<string> {
  await page.goto("/ops/requests/new");
  await page.getByRole("radio", { name: input.channel }).check();
  await page.getByLabel("Date received").fill(pacificDate(input.daysAgo));
  await page.getByLabel("Time received (optional)").fill("10:00");
  await page.getByRole("group", { name: "Did they say they live in California?" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("Full name").fill(input.name);
  await page.getByLabel("E-mail address").fill(input.email);
  await page.getByRole("button", { name: "Record request" }).click();
  await expect(page).toHaveURL(/\/ops\/requests\/[0-9a-z]{26}\?recorded=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Request recorded" })).toBeVisible();
  return /\/ops\/requests\/([0-9a-z]{26})/.exec(page.url())![1]!;
}

test("[OPS]: signed-out clients get sign-in or 401 from every new ops route, never data", async ({ request }) => {
  for (const url of PAGES) {
    for (const variant of [url, `${url}.data`]) {
      const response = await request.get(variant, { maxRedirects: 0 });
      const body = await response.text();
      expect([302, 202], variant).toContain(response.status());
      expect(response.headers()["location"] ?? body, variant).toMatch(/\/ops\/login/);
      expect(body, variant).not.toMatch(/example\.test|request_id|Ana Example/);
    }
    const posted = await request.post(url, { form: { intent: "deny", denialReason: "other", reason: "x", version: "0" }, maxRedirects: 0 });
    expect([302, 401, 403], `POST ${url}`).toContain(posted.status());
  }
  for (const url of CSV_ROUTES) {
    for (const method of ["get", "post"] as const) {
      const response = await request[method](url, { maxRedirects: 0 });
      expect(response.status(), `${method} ${url}`).toBe(401);
      expect(await response.text()).not.toMatch(/request_id|requests_to_know/);
    }
  }
});

test.describe.serial("the ops queue: intake, extension, denial, audit and metrics", () => {
  let page: Page;
  const extended = { id: "", email: `pat.${unique()}@example.test` };
  const denied = { id: "", email: `dana.${unique()}@example.test` };
  const reason = "the records are in an archive that takes three weeks to restore";

  test.beforeAll(async ({ browser }, testInfo) => {
    // One context for the whole story: one sign-in (the admin's TOTP codes work once each).
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    page = await context.newPage();
    await signInAsStaff(page, DEMO_ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("[OPS]: staff record a phone request received 40 days ago, and it is due soon in the queue", async () => {
    // Two pages checked with axe at two widths, and the intake twice: more than 30 s on a busy machine.
    test.slow();
    await page.getByRole("navigation", { name: "Privacy operations" }).getByRole("link", { name: "Queue" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request queue");
    await page.getByRole("link", { name: "Record a request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a request");
    await checkA11yAndShoot(page, "ops-intake");

    // Nothing filled in: every problem is named at the top and at its field; nothing is recorded.
    await page.getByLabel("Full name").fill("Pat Phone-Caller");
    await page.getByLabel("E-mail address").fill("not an address");
    await page.getByRole("button", { name: "Record request" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("The request was not recorded");
    await expect(summary).toContainText("Choose how the request reached us.");
    await expect(summary).toContainText("Enter the date we received the request.");
    await expect(summary).toContainText("Enter an e-mail address like name@example.com.");
    await expect(page.getByLabel("Full name")).toHaveValue("Pat Phone-Caller");
    await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
    await checkA11yAndShoot(page, "ops-intake-errors");

    extended.id = await recordIntake(page, { channel: /^Phone/, daysAgo: 40, name: "Pat Phone-Caller", email: extended.email });
    await expect(page.getByText(`receipt date ${pacificDate(40)}`)).toBeVisible();
    // The consumer gets the receipt confirmation, as for any request (11 CCR 7021(a)).
    await mailTo(extended.email, /We received your request/);

    await page.goto("/ops/requests?channel=phone");
    const row = page.getByRole("row", { name: new RegExp(extended.id) });
    await expect(row).toContainText("4 days left");
    await expect(row).toContainText("Due soon");
    await expect(row).toContainText("Pat Phone-Caller");
    await expect(row).not.toContainText(extended.email);
    await checkA11yAndShoot(page, "ops-queue");

    await page.getByLabel("Search").fill(extended.id.toUpperCase());
    await page.getByRole("button", { name: "Show requests" }).click();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);

    // Found by e-mail address (17.4), and the address is in no URL: not the page's, not any request's (ADR 044).
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    await page.getByLabel("Search").fill(extended.email.toUpperCase());
    await page.getByRole("button", { name: "Show requests" }).click();
    await expect(page.getByRole("row", { name: new RegExp(extended.id) })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("matching the e-mail address");
    await expect(page.getByLabel("Search")).toHaveValue(extended.email.toUpperCase());
    const [local] = extended.email.split("@");
    expect([...urls, page.url()].filter((u) => decodeURIComponent(u).toLowerCase().includes(local!.toLowerCase()))).toEqual([]);
    // The filters alone are still a link (a saved filter).
    await page.getByLabel("Search").fill("");
    await page.getByLabel("Channel").selectOption("phone");
    await page.getByRole("button", { name: "Show requests" }).click();
    await expect(page).toHaveURL(/\/ops\/requests\?channel=phone$/);
    await expect(page.getByRole("row", { name: new RegExp(extended.id) })).toBeVisible();
  });

  test("[OPS]: extending once notifies the consumer (M-EXT); a second extension is refused in plain words", async () => {
    await page.goto("/ops/requests?channel=phone");
    await page.getByRole("link", { name: extended.id }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(extended.id);
    await expect(page.getByText(extended.email)).toBeVisible();
    await checkA11yAndShoot(page, "ops-request");

    // A colleague's tab, opened before the extension.
    const stale = await page.context().newPage();
    await stale.goto(`/ops/requests/${extended.id}`);

    const newDue = addDays(pacificDate(40), 89);
    await page.getByLabel("Why more time is needed").fill(reason);
    await page.getByRole("button", { name: `Extend to ${newDue}` }).click();
    await expect(page.getByRole("status")).toContainText(`Deadline extended to ${newDue}`);
    await expect(page.getByRole("button", { name: /^Extend to/ })).toHaveCount(0);

    const mail = await mailTo(extended.email, /We need more time/);
    expect(mail.text).toContain(`Our reason:\n\n> ${reason}\n\n`);
    // Mail writes dates the way the pages do ("March 2, 2026"), not as codes.
    expect(mail.text).toContain(`We will respond by ${new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${newDue}T12:00:00Z`))}`);

    await stale.getByLabel("Why more time is needed").fill("another reason");
    await stale.getByRole("button", { name: `Extend to ${newDue}` }).click();
    await expect(stale.getByRole("alert")).toContainText("has already been extended once");
    await expect(stale.getByRole("alert")).toContainText("The law allows only one extension");
    // The refusal reloads the page's data: the colleague now sees the extended date and no form.
    await expect(stale.getByRole("button", { name: /^Extend to/ })).toHaveCount(0);
    await expect(stale.getByRole("region", { name: "Deadlines" })).toContainText(`extended to ${newDue}`);
    await checkA11yAndShoot(stale, "ops-request-extension-refused");
    await stale.close();
    expect(mailsTo(extended.email).filter((m) => /We need more time/.test(m.subject))).toHaveLength(1);
  });

  test("[OPS]: denying shows the consumer's notice first, and only the confirmation sends it (17.4)", async () => {
    denied.id = await recordIntake(page, { channel: /^E-mail/, daysAgo: 5, name: "Dana Mailer", email: denied.email });
    await page.getByRole("button", { name: "Check the notice" }).click();
    await expect(page.getByText("Choose the basis of the denial.")).toBeVisible();
    await expect(page.getByText("Write the reason for the denial.")).toBeVisible();
    await checkA11yAndShoot(page, "ops-request-deny-errors");

    // "Other": the reviewer's words reach the consumer as a quotation, seen here before sending.
    await page.getByRole("radio", { name: /^Other/ }).check();
    await page.getByLabel("Reason", { exact: true }).fill("Our records of accounts closed before 2020 were destroyed under our retention schedule.");
    await page.getByRole("button", { name: "Check the notice" }).click();
    const preview = page.getByRole("region", { name: "Check the notice before it is sent" });
    await expect(preview).toContainText("Subject: Our answer to your request");
    await expect(preview).toContainText("Our reason:\n\n> Our records of accounts closed before 2020");
    await expect(page.locator(".state-pill")).not.toHaveText("Denied");
    await checkA11yAndShoot(page, "ops-request-deny-preview");
    await preview.getByRole("button", { name: "Send the denial" }).click();
    await expect(page).toHaveURL(new RegExp(`/ops/requests/${denied.id}$`));
    await expect(page.getByRole("region", { name: "Actions" }).getByRole("status")).toContainText("Request denied");
    await expect(page.getByRole("status").filter({ hasText: "Request recorded" })).toHaveCount(0);
    await expect(page.locator(".state-pill")).toHaveText("Denied");
    await expect(page.getByRole("button", { name: "Check the notice" })).toHaveCount(0);

    const mail = await mailTo(denied.email, /Our answer to your request/);
    expect(mail.text).toContain("We are not able to fulfil your request. Our reason:\n\n> Our records of accounts closed before 2020 were destroyed under our retention schedule.\n\n");
    expect(mail.text).toContain("ask us to reconsider");
  });

  test("[OPS]: the audit page shows the events, and the chain verifies", async () => {
    await page.goto(`/ops/audit?request=${extended.id}`);
    const table = page.getByRole("table", { name: /Audit events/ });
    for (const action of ["request.received", "request.extended", "ops.request_viewed", "mail.sent"]) await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
    await expect(table).toContainText("Demo Admin");
    await expect(table).not.toContainText(extended.email);

    await page.goto("/ops/audit");
    await expect(page.getByRole("table", { name: /Audit events/ }).getByText("request.denied", { exact: true }).first()).toBeVisible();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByRole("status")).toContainText(/Chain OK: all \d+ events verified\./);
    await checkA11yAndShoot(page, "ops-audit");
  });

  test("[OPS]: metrics for a year on screen and as CSV, and the 7101 request log", async () => {
    const year = pacificDate(0).slice(0, 4);
    await page.goto("/ops/metrics");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request metrics");
    await expect(page.getByRole("table", { name: `Requests to know received in ${Number(year) - 1}`, exact: true })).toBeVisible();
    // The current year so far sits beside the published year, with charts and their numbers (17.5).
    await expect(page.getByRole("table", { name: `Requests to know received in ${year}`, exact: true })).toBeVisible();
    const burnDown = page.getByRole("figure", { name: /Requests not yet answered, by days left/ });
    await expect(burnDown.getByRole("row", { name: /^46-90 [1-9]\d*$/ })).toBeVisible();
    const responseDays = page.getByRole("figure", { name: new RegExp(`Days to respond in ${year} so far: median \\d+ days?, 90th percentile \\d+ days?`) });
    await expect(responseDays.getByRole("row", { name: /^1-10 [1-9]\d*$/ })).toBeVisible();
    await expect(page.getByRole("figure", { name: new RegExp(`Requests received per week in ${year} so far, by channel`) }).getByRole("columnheader", { name: "Phone" })).toBeVisible();
    await page.getByLabel("Calendar year").selectOption(year);
    await page.getByRole("button", { name: "Show year" }).click();
    const table = page.getByRole("table", { name: `Requests to know received in ${year}`, exact: true });
    await expect(table.getByRole("row", { name: /^Denied \d+$/ })).toBeVisible();
    await checkA11yAndShoot(page, "ops-metrics");

    const csv = await page.request.get(`/ops/metrics.csv?year=${year}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toContain(`ccpa-7102-metrics-${year}.csv`);
    expect(await csv.text()).toMatch(new RegExp(`^metric,value\\r\\ncalendar_year,${year}\\r\\nrequests_to_know_received,\\d+`));

    const log = await page.request.get(`/ops/request-log.csv?from=${pacificDate(41)}&to=${pacificDate(0)}`);
    expect(log.status()).toBe(200);
    const text = await log.text();
    expect(text).toContain(`${extended.id},${pacificDate(40)},right_to_know_categories,phone,,pending,`);
    expect(text).toMatch(new RegExp(`${denied.id},${pacificDate(5)},right_to_know_categories,email,\\d{4}-\\d{2}-\\d{2},denied,other`));
    expect(text).not.toContain("example.test");
    expect((await page.request.get("/ops/request-log.csv?from=2026-12-31&to=2026-01-01")).status()).toBe(400);
  });
});

test("[OPS]: a reviewer works the queue, audit and metrics too", async ({ page }) => {
  await signInAsStaff(page, DEMO_REVIEWER);
  for (const [url, heading] of [
    ["/ops/requests", "Request queue"],
    ["/ops/requests/new", "Record a request"],
    ["/ops/audit", "Audit trail"],
    ["/ops/metrics", "Request metrics"],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
  expect((await page.request.get("/ops/metrics.csv")).status()).toBe(200);
  const missing = await page.goto(`/ops/requests/${SOME_ID}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});

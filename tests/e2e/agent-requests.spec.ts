import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoPerson, type DemoPerson } from "../../db/demo-business/demo-people";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";
import { E2E_DATA_DIR } from "./support/e2e-settings";
import { codeIn, mailTo, mailsTo } from "./support/mailbox";
import { checkPage as checkPageAt } from "./support/check-page";

// Issue 8: authorized agents (11 CCR 7063; R20-R23; X4, X5, X7). The release policy is whatever the
// server runs with (AGENT_DISCLOSURE_RELEASE, inherited from this process's environment): the
// first test checks that the disclosure reaches whom that policy says.

const RELEASE_TO_AGENT = process.env.AGENT_DISCLOSURE_RELEASE === "consumer_and_agent";
const STORAGE = path.join(E2E_DATA_DIR, "authorizations");
const PASSWORD = "agent passphrase for tests";
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const checkPage = (page: Page, name: string): Promise<void> => checkPageAt(page, `agent-${name}`);

const linkIn = (text: string): string => /(https?:\/\/\S+)/.exec(text)![1]!;
const storedFiles = (): string[] => (fs.existsSync(STORAGE) ? fs.readdirSync(STORAGE) : []);

/** Registers an agent through the form, opens the e-mailed link and signs in; returns its e-mail. */
async function registerAndSignIn(page: Page, name: string, kind: "A person" | "A business" = "A person", screens = false): Promise<string> {
  const email = `agent.${randomBytes(4).toString("hex")}@agents.example`;
  const since = new Date(Date.now() - 1000).toISOString();
  await page.goto("/agent/register");
  if (screens) await checkPage(page, "register");
  await page.getByLabel(kind).check();
  await page.getByLabel("Full legal name (or business name)").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  if (kind === "A business") await page.getByLabel("California Secretary of State entity number").fill("C1234567");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("I accept these duties").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  await page.goto("/agent/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Confirm your e-mail address first")).toBeVisible();

  await page.goto(linkIn((await mailTo(email, /Confirm your e-mail address/, since)).text));
  await expect(page.getByRole("heading", { name: "Your e-mail address is confirmed" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/login$/);
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your requests" })).toBeVisible();
  return email;
}

/** Fills the new-request form for `person`; the caller attaches the document and submits. */
async function fillRequest(page: Page, person: DemoPerson, proof: "Permission signed by the consumer" | "Power of attorney"): Promise<void> {
  await page.goto("/agent/requests/new");
  await page.getByLabel("Consumer's full name").fill(person.fullName);
  await page.getByLabel("Consumer's e-mail address").fill(person.email);
  await page.getByLabel("Consumer's phone number").fill(person.phone!);
  await page.getByRole("group", { name: "Does the consumer live in California?" }).getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("The categories of information").check();
  await page.getByRole("radio", { name: proof }).check();
}

async function submitWith(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel("The signed document").setInputFiles(file);
  await page.getByRole("button", { name: "Send the request" }).click();
}

async function submitRequest(page: Page, person: DemoPerson, proof: Parameters<typeof fillRequest>[2]): Promise<string> {
  await fillRequest(page, person, proof);
  if (proof === "Power of attorney") await page.getByLabel(/I declare under penalty of perjury/).check();
  await submitWith(page, { name: "permission.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByText("Request received.")).toBeVisible();
  return /\/agent\/requests\/([0-9a-z]{26})/.exec(page.url())![1]!;
}

async function approveAsAdmin(browser: Browser, requestId: string, expectText: RegExp): Promise<void> {
  const staff = await browser.newContext();
  const ops = await staff.newPage();
  await signInAsStaff(ops, DEMO_ADMIN);
  await ops.goto(`/ops/requests/${requestId}`);
  const agentPanel = ops.getByRole("region", { name: "Authorized agent" });
  await expect(agentPanel.getByText(expectText)).toBeVisible();
  await checkPage(ops, "ops-request");
  const download = await ops.request.get(`/ops/requests/${requestId}/authorization/${await documentId(ops)}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="authorization-[0-9a-z]{26}\.pdf"$/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  const review = ops.getByRole("region", { name: "Disclosure review" });
  await expect(review).toBeVisible({ timeout: 45_000 });
  await review.getByRole("button", { name: "Approve and release" }).click();
  await expect(ops.getByText(/Disclosure approved/)).toBeVisible();
  await staff.close();
}

/** The agent's page is a snapshot: reload until the pipeline has moved the request on. */
async function reloadUntilShown(page: Page, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText(text, { exact: true }).count();
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(1);
}

async function documentId(ops: Page): Promise<string> {
  const href = await ops.getByRole("link", { name: "Download the document" }).getAttribute("href");
  return /authorization\/([0-9a-z]{26})$/.exec(href!)![1]!;
}

// Each test drives two or three browsers and, for most, the collect and render pipeline.
test.describe.configure({ mode: "serial" });

test("[AGENT]: an agent submits with signed permission, the consumer confirms and verifies, ops approves, the disclosure goes where the policy says", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const priya = demoPerson("precise_gps");
  await registerAndSignIn(page, "Alex Advocate", "A person", true);
  await checkPage(page, "home-empty");
  await page.goto("/agent/requests/new");
  await checkPage(page, "new-request");
  const since = new Date(Date.now() - 1000).toISOString();
  const requestId = await submitRequest(page, priya, "Permission signed by the consumer");
  await expect(page.getByText("Waiting for the consumer to confirm your authorization")).toBeVisible();
  await checkPage(page, "request-submitted");

  // The agent has the confirmation mail sent again: a new link; a second click within 10 minutes is refused.
  await page.getByRole("button", { name: "Send the confirmation mail again" }).click();
  await expect(page.getByRole("status").getByText("Sent. We e-mailed the consumer a new link")).toBeVisible();
  await checkPage(page, "request-resent");
  // The agent portal is English only: no language switch (the consumer's pages keep it).
  await expect(page.getByRole("button", { name: "Español" })).toHaveCount(0);
  await page.getByRole("button", { name: "Send the confirmation mail again" }).click();
  await expect(page.getByRole("alert").getByText(/Not sent: it was sent again less than 10 minutes ago/)).toBeVisible();
  const [firstLink, resentLink] = mailsTo(priya.email).filter((m) => m.sentAt >= since && /Did you authorize Alex Advocate/.test(m.subject)).map((m) => linkIn(m.text));
  expect(resentLink).toBeDefined();

  // The consumer, in their own browser: the first link no longer works; confirm the agent with
  // the new one, then the normal verification.
  const consumer = await (await browser.newContext()).newPage();
  expect((await consumer.request.get(firstLink!)).status()).toBe(404);
  await consumer.goto(resentLink!);
  await expect(consumer.getByRole("heading", { name: "Did you authorize this agent?" })).toBeVisible();
  await expect(consumer.getByText("Alex Advocate (a person) asked us")).toBeVisible();
  await expect(consumer.getByRole("button", { name: "Español" })).toBeVisible();
  await checkPage(consumer, "consumer-authorize");
  if (RELEASE_TO_AGENT) await consumer.getByLabel("Also let Alex Advocate download my disclosure when it is ready").check();
  await consumer.getByRole("button", { name: "Yes, I authorized this agent" }).click();
  await expect(consumer).toHaveURL(/\/verify$/);
  await consumer.getByLabel("6-digit code").fill(codeIn(await mailTo(priya.email, /verification code/, since)));
  await consumer.getByRole("button", { name: "Confirm code" }).click();
  // The confirm page says who gave the details, and the consumer can read the permission the agent filed (17.6).
  await expect(consumer.getByText("Alex Advocate, acting for you, submitted this request with these details.")).toBeVisible();
  await expect(consumer.getByText("Now we compare the details given on your behalf with the records we already hold.", { exact: false })).toBeVisible();
  const permission = consumer.getByRole("link", { name: "Download the permission you gave Alex Advocate" });
  const href = (await permission.getAttribute("href"))!;
  expect(href).toBe(`/requests/${requestId}/permission-document`);
  const document = await consumer.request.get(href);
  expect(document.status()).toBe(200);
  expect(document.headers()["content-type"]).toBe("application/pdf");
  expect(document.headers()["content-disposition"]).toBe('attachment; filename="permission-document.pdf"');
  expect(Buffer.from(await document.body()).equals(PDF)).toBe(true);
  // Only this consumer's session for this request: the agent, or anyone else, gets 404.
  expect((await page.request.get(href)).status()).toBe(404);
  expect((await (await browser.newContext()).request.get(href)).status()).toBe(404);
  await checkPage(consumer, "consumer-confirm-agent");
  await consumer.getByRole("button", { name: "Español" }).click();
  await expect(consumer.getByText("Alex Advocate, actuando en su nombre, presentó esta solicitud con estos datos.")).toBeVisible();
  await expect(consumer.getByRole("link", { name: "Descargar el permiso que usted dio a Alex Advocate" })).toBeVisible();
  await checkPage(consumer, "consumer-confirm-agent-es");
  await consumer.getByRole("button", { name: "English" }).click();
  await consumer.getByRole("button", { name: "Check my details" }).click();
  await expect(consumer.getByText(/A member of our privacy team is checking/)).toBeVisible({ timeout: 45_000 });

  // The link was single-use.
  const reused = await consumer.request.get(linkIn((await mailTo(priya.email, /Did you authorize/, since)).text));
  expect(reused.status()).toBe(404);

  await approveAsAdmin(browser, requestId, /Consumer confirmed it at/);

  await consumer.reload();
  await expect(consumer.getByRole("link", { name: "Download PDF" })).toBeVisible({ timeout: 45_000 });
  await page.goto(`/agent/requests/${requestId}`);
  await reloadUntilShown(page, "Answered");
  const agentPdf = await page.request.get(`/agent/requests/${requestId}/disclosure.pdf`);
  if (RELEASE_TO_AGENT) {
    await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible();
    expect(agentPdf.status()).toBe(200);
    expect(agentPdf.headers()["content-disposition"]).toMatch(/^attachment;/);
  } else {
    await expect(page.getByText("Under our policy the disclosure goes only to the consumer.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
    expect(agentPdf.status()).toBe(404);
  }
  await checkPage(page, "request-answered");
});

test("[AGENT]: a consumer who did not authorize the agent refuses, the request is denied and the agent is told", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const daniel = demoPerson("older_than_12_months");
  const agentEmail = await registerAndSignIn(page, "Northwind Data Rights LLC", "A business");
  const since = new Date(Date.now() - 1000).toISOString();
  const requestId = await submitRequest(page, daniel, "Permission signed by the consumer");

  // The consumer follows the receipt's status link first: the page names the agent and sends them
  // to the confirmation mail, instead of the data-point step.
  const consumer = await (await browser.newContext()).newPage();
  await consumer.goto(linkIn((await mailTo(daniel.email, /We received a request Northwind Data Rights LLC made for you/, since)).text));
  await consumer.getByRole("button", { name: "Send me a code" }).click();
  await consumer.getByLabel("6-digit code").fill(codeIn(await mailTo(daniel.email, /verification code/, since)));
  await consumer.getByRole("button", { name: "Confirm code" }).click();
  await expect(consumer.getByText(/^Northwind Data Rights LLC made this request for you, as your authorized agent\. First, answer the separate e-mail/)).toBeVisible();
  await expect(consumer.getByRole("link", { name: "Continue: confirm it is you" })).toHaveCount(0);
  await checkPage(consumer, "consumer-status-agent-pending");

  await consumer.goto(linkIn((await mailTo(daniel.email, /Did you authorize Northwind/, since)).text));
  await expect(consumer.getByText("Northwind Data Rights LLC (a business) asked us")).toBeVisible();
  await expect(consumer.getByText("California Secretary of State number they gave us: C1234567")).toBeVisible();
  await consumer.getByRole("button", { name: "No, I did not authorize this agent" }).click();
  await expect(consumer.getByRole("heading", { name: "Thank you: we denied the request" })).toBeVisible();
  await checkPage(consumer, "consumer-refused");

  await mailTo(agentEmail, /the consumer did not confirm your authorization/, since);
  await mailTo(daniel.email, /Our answer to your request/, since);
  await page.goto(`/agent/requests/${requestId}`);
  await expect(page.getByText("Denied", { exact: true })).toBeVisible();
  await expect(page.getByText("The consumer told us they did not authorize you.")).toBeVisible();
  await expect(page.getByText(/The consumer refused it/)).toBeVisible();
});

test("[AGENT]: a consumer who signed in from the receipt first goes from Yes straight to the data points, without a second code", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // Grace: no other test here asks her a code, so the per-address code throttle cannot interfere.
  const grace = demoPerson("heavy");
  await registerAndSignIn(page, "Robin Rights", "A person");
  const since = new Date(Date.now() - 1000).toISOString();
  const requestId = await submitRequest(page, grace, "Permission signed by the consumer");

  const consumer = await (await browser.newContext()).newPage();
  await consumer.goto(linkIn((await mailTo(grace.email, /We received a request Robin Rights made for you/, since)).text));
  await consumer.getByRole("button", { name: "Send me a code" }).click();
  await consumer.getByLabel("6-digit code").fill(codeIn(await mailTo(grace.email, /verification code/, since)));
  await consumer.getByRole("button", { name: "Confirm code" }).click();
  await expect(consumer.getByText(/^Robin Rights made this request for you/)).toBeVisible();

  const codeMails = () => mailsTo(grace.email).filter((m) => m.sentAt >= since && /verification code/.test(m.subject)).length;
  const codesBefore = codeMails();
  await consumer.goto(linkIn((await mailTo(grace.email, /Did you authorize Robin Rights/, since)).text));
  await consumer.getByRole("button", { name: "Yes, I authorized this agent" }).click();
  await expect(consumer).toHaveURL(new RegExp(`/requests/${requestId}/confirm$`));
  await expect(consumer.getByRole("button", { name: "Check my details" })).toBeVisible();
  expect(codeMails()).toBe(codesBefore);
});

test("[AGENT]: with a power of attorney the consumer is not asked to confirm or verify", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const jose = demoPerson("spanish_speaker");
  await registerAndSignIn(page, "Pat Attorney-in-fact");
  const since = new Date(Date.now() - 1000).toISOString();
  await fillRequest(page, jose, "Power of attorney");
  await submitWith(page, { name: "poa.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByText("With a power of attorney, tick the declaration.").first()).toBeVisible();
  const requestId = await submitRequest(page, jose, "Power of attorney");
  // Verified from the agent's data points at once; the collect job then puts it in review.
  await reloadUntilShown(page, "Being reviewed by the privacy team");
  expect(mailsTo(jose.email).filter((m) => m.sentAt >= since && /Did you authorize|verification code/.test(m.subject))).toEqual([]);

  await approveAsAdmin(browser, requestId, /No consumer confirmation is asked with a power of attorney/);
  await page.goto(`/agent/requests/${requestId}`);
  await reloadUntilShown(page, "Answered");
  expect((await page.request.get(`/agent/requests/${requestId}/disclosure.json`)).status()).toBe(RELEASE_TO_AGENT ? 200 : 404);
});

test("[AGENT]: uploads that are empty, too large or not a PDF/PNG/JPEG are refused and stored nowhere; another agent gets 404", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const olivia = demoPerson("ordinary");
  await registerAndSignIn(page, "Uma Uploader");
  const before = storedFiles();
  const refused = [
    { file: { name: "empty.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) }, message: "The file you attached is empty." },
    { file: { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024)]) }, message: "The file is larger than 10 MB." },
    { file: { name: "page.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") }, message: "That file is not a PDF, PNG or JPEG." },
    { file: { name: "image.pdf", mimeType: "application/pdf", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }, message: "That file is not a PDF, PNG or JPEG." },
    { file: { name: "setup.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ"), randomBytes(512)]) }, message: "That file is not a PDF, PNG or JPEG." },
  ];
  for (const { file, message } of refused) {
    await fillRequest(page, olivia, "Permission signed by the consumer");
    await submitWith(page, file);
    await expect(page.getByRole("alert").getByText(message)).toBeVisible();
  }
  await checkPage(page, "upload-refused");
  expect(storedFiles()).toEqual(before);
  await page.goto("/agent");
  await expect(page.getByText("You have not made any requests yet.")).toBeVisible();

  const requestId = await submitRequest(page, olivia, "Permission signed by the consumer");
  const ownDocument = await page.getByRole("link", { name: "download your upload" }).getAttribute("href");
  await page.goto("/agent");
  await expect(page.getByRole("link", { name: olivia.fullName })).toBeVisible();
  await checkPage(page, "home-list");
  await page.goto("/agent/security");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await checkPage(page, "security");
  expect((await page.request.get(ownDocument!)).status()).toBe(200);

  const other = await (await browser.newContext()).newPage();
  await registerAndSignIn(other, "Oscar Other");
  expect((await other.request.get(`/agent/requests/${requestId}`)).status()).toBe(404);
  expect((await other.request.get(ownDocument!)).status()).toBe(404);
  expect((await other.request.get(`/agent/requests/${requestId}/disclosure.pdf`)).status()).toBe(404);
  await other.goto("/agent");
  await expect(other.getByText("You have not made any requests yet.")).toBeVisible();
});

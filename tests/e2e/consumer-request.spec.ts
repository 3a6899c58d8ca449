import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { demoPerson } from "../../db/demo-business/demo-people";
import { waitOutThrottle } from "./support/code-throttle";
import { codeIn, mailTo } from "./support/mailbox";
import { checkPage as checkPageAt } from "./support/check-page";

// The consumer flow end to end on the real server and its in-process worker: request -> e-mail
// code (read from a real SMTP server on loopback) -> data points and declaration -> collection -> disclosure.
// The server runs REVIEW_REQUIRED=specific,agent (the default), so only categories auto-release.

const olivia = demoPerson("ordinary");
const priya = demoPerson("precise_gps");
const marcus = demoPerson("never_disclose");
const jose = demoPerson("spanish_speaker");

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validateDisclosure = ajv.compile(JSON.parse(fs.readFileSync("docs/disclosure.schema.json", "utf8")) as object);

const CODE_SUBJECT = /verification code|código de verificación/;
const unique = (prefix: string) => `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.test`;

const checkPage = (page: Page, name: string): Promise<void> => checkPageAt(page, `consumer-${name}`);

interface RequestDetails {
  type: "categories" | "specific";
  name: string;
  email: string;
  phone?: string;
  address?: { street: string; city: string; state: string; postalCode: string };
  resident?: "Yes" | "No" | "Sí";
}

/** Fills and sends /request with the mouse and keyboard as a sighted user would; returns when on /verify. */
async function submitRequest(page: Page, r: RequestDetails, labels = EN): Promise<void> {
  await page.getByLabel(r.type === "categories" ? labels.categories : labels.specific).check();
  await page.getByLabel(labels.fullName).fill(r.name);
  await page.getByLabel(labels.email).fill(r.email);
  if (r.phone) await page.getByLabel(labels.phone).fill(r.phone);
  if (r.address) {
    await page.getByLabel(labels.street).fill(r.address.street);
    await page.getByLabel(labels.city).fill(r.address.city);
    await page.getByLabel(labels.state, { exact: true }).fill(r.address.state);
    await page.getByLabel(labels.zip).fill(r.address.postalCode);
  }
  await page.getByRole("group", { name: labels.resident }).getByLabel(r.resident ?? labels.yes, { exact: true }).check();
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page).toHaveURL(/\/verify$/);
}

const EN = {
  categories: "The categories of information we hold about you",
  specific: "A copy of the specific pieces of information",
  fullName: "Full name",
  email: "E-mail address",
  phone: "Phone number",
  street: "Street address",
  city: "City",
  state: "State",
  zip: "ZIP code",
  resident: "Do you live in California?",
  yes: "Yes",
  submit: "Send my request",
};
const ES = {
  ...EN,
  categories: "Las categorías de información que tenemos sobre usted",
  specific: "Una copia de los datos concretos",
  fullName: "Nombre completo",
  email: "Correo electrónico",
  phone: "Número de teléfono",
  resident: "¿Vive en California?",
  yes: "Sí",
  submit: "Enviar mi solicitud",
};

/** Types the code from the newest code mail and lands on the next step. */
async function enterCode(page: Page, email: string, since: string, button = "Confirm code"): Promise<void> {
  await waitOutThrottle(page);
  const code = codeIn(await mailTo(email, CODE_SUBJECT, since));
  await page.locator('input[name="code"]').fill(code);
  await page.getByRole("button", { name: button }).click();
}

const requestIdOf = (page: Page) => /\/requests\/([0-9a-z]{26})/.exec(page.url())![1]!;

test.describe.serial("the consumer request flow", () => {
  let oliviaRequest = "";

  test("[CONSUMER]: Olivia asks for categories by keyboard only, confirms by code and downloads both files", async ({ page }) => {
    test.slow();
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto("/request");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ask Parlay what personal information it has about you");
    await checkPage(page, "request-en");

    // Keyboard only: Tab to each control, Space for choices, Enter to send.
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`cannot reach ${selector} with Tab`);
    };
    await tabTo('input[name="type"]');
    await page.keyboard.press("Space");
    await tabTo("#field-fullName");
    await page.keyboard.type(olivia.fullName);
    await tabTo("#field-email");
    await page.keyboard.type(olivia.email);
    await tabTo("#field-phone");
    await page.keyboard.type(olivia.phone!);
    await tabTo('input[name="californiaResident"]');
    await page.keyboard.press("Space");
    await tabTo('button[type="submit"]');
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/verify$/);
    expect(page.url()).not.toContain("@");

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter the code we sent you");
    const codeBox = page.getByLabel("6-digit code");
    await expect(codeBox).toHaveAttribute("autocomplete", "one-time-code");
    await expect(codeBox).toHaveAttribute("inputmode", "numeric");
    await checkPage(page, "verify-en");
    await enterCode(page, olivia.email, since);

    await expect(page).toHaveURL(/\/requests\/[0-9a-z]{26}\/confirm$/);
    oliviaRequest = requestIdOf(page);
    const received = await mailTo(olivia.email, new RegExp(`We received your request \\(${oliviaRequest}\\)`), since);
    expect(received.text).toContain("We will answer by");
    // That mail came over SMTP (the sink), not through the dev outbox, which is off when SMTP_URL is set.
    expect((await page.request.get("/dev/outbox")).status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm it is you");
    await checkPage(page, "confirm-categories-en");
    await page.getByRole("button", { name: "Check my details" }).click();

    await expect(page).toHaveURL(new RegExp(`/requests/${oliviaRequest}$`));
    await checkPage(page, "status-progress-en");
    // The in-process worker collects and, with no review for categories, renders and delivers.
    await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText("Ready to download")).toBeVisible();
    await checkPage(page, "status-delivered-en");
    await mailTo(olivia.email, new RegExp(`Your disclosure is ready \\(${oliviaRequest}\\)`), since);

    const pdf = await page.context().request.get(`/requests/${oliviaRequest}/disclosure.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toBe(`attachment; filename="disclosure-${oliviaRequest}.pdf"`);
    expect(pdf.headers()["cache-control"]).toBe("no-store");
    expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const json = await page.context().request.get(`/requests/${oliviaRequest}/disclosure.json`);
    expect(json.headers()["content-type"]).toContain("application/json");
    const disclosure = JSON.parse(await json.text()) as { request: { id: string }; contents: string };
    expect(disclosure.request.id).toBe(oliviaRequest);
    expect(disclosure.contents).toBe("categories");
    expect(validateDisclosure(disclosure), JSON.stringify(validateDisclosure.errors)).toBe(true);
  });

  test("[SECURITY]: another browser without the session gets the sign-in page and 404 downloads (X10)", async ({ browser }) => {
    const other = await browser.newContext();
    const page = await other.newPage();
    const response = await page.goto(`/requests/${oliviaRequest}`);
    // 200 for any well-formed id, real or not (the DRP results_url; issue 16 item 7).
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to see this request");
    await expect(page.getByText(oliviaRequest)).toHaveCount(0);
    await expect(page.getByText(olivia.email)).toHaveCount(0);
    await checkPage(page, "sign-in-en");
    // A made-up id gets exactly the same page.
    const madeUp = await page.goto(`/requests/${"z".repeat(26)}`);
    expect(madeUp?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to see this request");
    for (const format of ["pdf", "json"]) {
      const download = await other.request.get(`/requests/${oliviaRequest}/disclosure.${format}`);
      expect(download.status(), format).toBe(404);
      expect(await download.text()).not.toContain("%PDF");
    }

    await other.close();
  });

  test("[CONSUMER]: specific pieces with only 2 matching points become a categories answer with M-UNV-SP (X1); errors name the field", async ({ page }) => {
    // Three pages checked with axe at two widths, plus collection: more than 30 s on a busy machine.
    test.slow();
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto("/request");
    // First without the residency answer and with a bad phone: both named, what was typed kept.
    await page.getByLabel(EN.specific).check();
    await page.getByLabel(EN.fullName).fill(priya.fullName);
    await page.getByLabel(EN.email).fill(priya.email);
    await page.getByLabel(EN.phone).fill("12");
    await page.getByRole("button", { name: EN.submit }).click();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("heading")).toHaveText("There are 2 problems to fix:");
    await expect(summary.getByRole("link", { name: /phone number with area code/ })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Tell us whether you live in California." })).toBeVisible();
    await expect(page.getByLabel(EN.fullName)).toHaveValue(priya.fullName);
    await expect(page.getByLabel(EN.email)).toHaveValue(priya.email);
    await checkPage(page, "request-errors-en");
    // A wrong (but valid) phone: e-mail and name match, the phone does not.
    await page.getByLabel(EN.phone).fill("(415) 555-0100");
    await page.getByRole("group", { name: EN.resident }).getByLabel("Yes", { exact: true }).check();
    await page.getByRole("button", { name: EN.submit }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await enterCode(page, priya.email, since);

    await expect(page.getByRole("group", { name: "Declaration under penalty of perjury" })).toBeVisible();
    await page.getByLabel("Type your full name to sign").fill(priya.fullName);
    await page.getByRole("button", { name: "Sign and check my details" }).click();
    await expect(page.getByRole("alert").getByRole("link", { name: "Tick the box to sign the declaration." })).toBeVisible();
    await expect(page.getByLabel("Type your full name to sign")).toHaveValue(priya.fullName);
    await checkPage(page, "confirm-specific-errors-en");
    await page.getByLabel("I sign this declaration").check();
    await page.getByRole("button", { name: "Sign and check my details" }).click();

    await expect(page.getByRole("heading", { name: "You will get the categories, not copies" })).toBeVisible();
    await expect(page.getByText(/For your security we have not disclosed any specific pieces of information/)).toBeVisible();
    // A downgraded request may wait for review (REVIEW_REQUIRED=specific) or be released; never with copies.
    await expect(page.getByText(/A member of our privacy team is checking|Your disclosure is ready/)).toBeVisible({ timeout: 30_000 });
    await checkPage(page, "status-downgraded-en");
    if (await page.getByRole("link", { name: "Download JSON" }).isVisible()) {
      const json = JSON.parse(await (await page.context().request.get(`/requests/${requestIdOf(page)}/disclosure.json`)).text());
      expect([json.contents, json.verification.downgraded]).toEqual(["categories", true]);
    }
  });

  test("[CONSUMER]: details that do not match are refused with M-UNV-CAT and nothing to download (X2, X25)", async ({ page }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto("/request");
    await submitRequest(page, { type: "categories", name: "Mark Whitman", email: marcus.email, phone: "(916) 555-0100" });
    await enterCode(page, marcus.email, since);
    await page.getByRole("button", { name: "Check my details" }).click();
    await expect(page.getByRole("heading", { name: "We could not verify your identity" })).toBeVisible();
    await expect(page.getByText("We could not verify your identity, so we cannot give you a personalized answer.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Privacy policy" }).first()).toHaveAttribute("href", "https://www.parlay.example/legal/privacy#california");
    await expect(page.getByRole("link", { name: /Download/ })).toHaveCount(0);
    await checkPage(page, "status-denied-en");
    const id = requestIdOf(page);
    for (const format of ["pdf", "json"]) expect((await page.context().request.get(`/requests/${id}/disclosure.${format}`)).status()).toBe(404);
    const notice = await mailTo(marcus.email, new RegExp(`We could not verify your identity \\(${id}\\)`), since);
    expect(notice.text).toContain("privacy policy");
  });

  test("[SECURITY]: five wrong codes lock the code; the right one then fails too and a new code is needed (X8)", async ({ page }) => {
    const email = unique("lock");
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto("/request");
    await submitRequest(page, { type: "categories", name: "Lee Example", email });
    for (const left of [4, 3, 2, 1]) {
      await page.getByLabel("6-digit code").fill("000000");
      await page.getByRole("button", { name: "Confirm code" }).click();
      await expect(page.getByText(`That code is not right. You have ${left} ${left === 1 ? "try" : "tries"} left.`)).toBeVisible();
    }
    await checkPage(page, "verify-wrong-en");
    await page.getByLabel("6-digit code").fill("000000");
    await page.getByRole("button", { name: "Confirm code" }).click();
    const locked = "That code no longer works, because it was entered wrongly too many times. Ask for a new code below.";
    await expect(page.getByText(locked)).toBeVisible();
    // Even the right code is refused now: the code is dead.
    await page.getByLabel("6-digit code").fill(codeIn(await mailTo(email, CODE_SUBJECT, since)));
    await page.getByRole("button", { name: "Confirm code" }).click();
    await expect(page.getByText(locked)).toBeVisible();
    // One code a minute per request: the resend says how long to wait.
    await page.getByRole("button", { name: "Send me a new code" }).click();
    await expect(page.getByText(/We did not send a new code yet, to protect your inbox\. Please ask again in \d+ seconds?\./)).toBeVisible();
    await checkPage(page, "verify-throttled-en");
  });

  test("[CONSUMER]: the whole flow in Spanish: pages, messages and mails (R6)", async ({ page }) => {
    test.slow();
    const since = new Date(Date.now() - 1000).toISOString();
    await page.goto("/request");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pregunte a Parlay qué información personal tiene sobre usted");
    await expect(page.getByRole("radio", { name: "Español" })).toBeChecked();
    await checkPage(page, "request-es");
    await submitRequest(page, { type: "categories", name: jose.fullName, email: jose.email, phone: jose.phone!, resident: "Sí" }, ES);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Escriba el código que le enviamos");
    await waitOutThrottle(page);
    await page.getByLabel("Código de 6 dígitos").fill("000000");
    await page.getByRole("button", { name: "Confirmar el código" }).click();
    await expect(page.getByText("Ese código no es correcto. Le quedan 4 intentos.")).toBeVisible();
    await checkPage(page, "verify-es");
    const codeMail = await mailTo(jose.email, CODE_SUBJECT, since);
    expect(codeMail.subject).toBe("Su código de verificación de Parlay");
    await enterCode(page, jose.email, since, "Confirmar el código");

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirme que es usted");
    await checkPage(page, "confirm-es");
    const id = requestIdOf(page);
    expect((await mailTo(jose.email, new RegExp(`Recibimos su solicitud \\(${id}\\)`), since)).text).toContain("Responderemos a más tardar el");
    await page.getByRole("button", { name: "Comprobar mis datos" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Su solicitud");
    await expect(page.getByRole("link", { name: "Descargar PDF" })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText("Lista para descargar")).toBeVisible();
    await checkPage(page, "status-delivered-es");
    expect((await mailTo(jose.email, new RegExp(`Su informe está listo \\(${id}\\)`), since)).text).toContain("descargarlo en PDF y JSON");
    const disclosure = JSON.parse(await (await page.context().request.get(`/requests/${id}/disclosure.json`)).text());
    expect(disclosure.request.language).toBe("es");

    // The sign-in page and the "nothing pending" page in Spanish too.
    const other = await page.context().browser()!.newContext({ locale: "es-US" });
    const stranger = await other.newPage();
    await stranger.goto(`/requests/${id}`);
    await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Ingrese para ver esta solicitud");
    await checkPage(stranger, "sign-in-es");
    await stranger.goto("/verify");
    await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("No hay ningún código pendiente en este navegador");
    await checkPage(stranger, "verify-nothing-es");
    await other.close();
  });

  test("[CONSUMER]: a consumer who lost the session signs in again with a code and sees the status page", async ({ browser }) => {
    // Last in the file: one code a minute per request, and Olivia's first code was the first test's.
    test.slow();
    const other = await browser.newContext();
    const page = await other.newPage();
    // The code goes to the request's own address, and an accepted one leads to the status page.
    await page.goto(`/requests/${oliviaRequest}`);
    const since = new Date(Date.now() - 1000).toISOString();
    await page.getByRole("button", { name: "Send me a code" }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await enterCode(page, olivia.email, since);
    await expect(page).toHaveURL(new RegExp(`/requests/${oliviaRequest}$`));
    await expect(page.getByRole("link", { name: "Download JSON" })).toBeVisible();
    await other.close();
  });
});

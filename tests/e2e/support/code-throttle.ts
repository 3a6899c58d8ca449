import { expect, type Page } from "@playwright/test";

/**
 * One code a minute per request and per address (ADR 009): when the page says the code was not
 * sent yet (a re-run within the minute, or a sign-in right after the first code), wait the time it
 * names and ask again. Says whether it had to.
 */
export async function waitOutThrottle(page: Page): Promise<boolean> {
  const throttled = page.getByText(/We did not send a new code yet|Todavía no enviamos un código nuevo/);
  if (!(await throttled.isVisible())) return false;
  const seconds = Number(/(\d+) (?:second|segundo)/.exec(await throttled.innerText())?.[1] ?? 60);
  await page.waitForTimeout(seconds * 1000 + 500);
  await page.getByRole("button", { name: /Send me a new code|Enviarme un código nuevo/ }).click();
  await expect(page.getByText(/We sent a new code|Le enviamos un código nuevo/)).toBeVisible();
  return true;
}

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 AA, the level the issues ask of every page. */
export const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/**
 * axe at desktop and phone width, with a full-page screenshot of each in test-results/screens to
 * look at (`screen` names the file); leaves the page at desktop width.
 */
export async function checkPage(page: Page, screen: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/${screen}-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

import { describe, expect, it } from "vitest";
import { fitRunningHead } from "../../../server/reports/fit-running-head";
import { shortenToWidth } from "../../../server/reports/shorten-to-width";

// One unit per character keeps the arithmetic readable.
const measure = (text: string) => [...text].length;
const PART = "Part 2. Specific pieces of personal information";
const CATEGORY = "F. Internet or other electronic network activity information";
const LONG = "Visits to the website, the mobile apps and the help centre, with the pages seen, the device used and the campaign follow";

describe("fitRunningHead", () => {
  it("[CONSUMER]: keeps a head that fits whole", () => {
    expect(fitRunningHead([PART, "A. Identifiers", "Orders"], "(continued)", 200, measure)).toBe(`${PART} › A. Identifiers › Orders (continued)`);
  });

  it("[CONSUMER]: shortens long labels with an ellipsis on whole words, never a category to its letter", () => {
    expect(LONG).toHaveLength(120);
    const head = fitRunningHead([PART, CATEGORY, LONG], "(continued)", 110, measure);
    expect(measure(head)).toBeLessThanOrEqual(110);
    expect(head).toBe("Part 2. Specific pieces of… › F. Internet or other… › Visits to the website, the… (continued)");
    expect(head).not.toMatch(/F\. ›/);
  });

  it("[CONSUMER]: a short label stays whole while the long one gives way", () => {
    const head = fitRunningHead([PART, "A. Identifiers", LONG], "(continued)", 110, measure);
    expect(head).toBe("Part 2. Specific pieces of personal… › A. Identifiers › Visits to the website, the mobile apps… (continued)");
    expect(measure(head)).toBeLessThanOrEqual(110);
  });

  it("[CONSUMER]: Polish and Chinese labels keep as much as fits", () => {
    const polish = "Historia zamówień, płatności i zwrotów w sklepie internetowym oraz w aplikacji mobilnej, z adresami dostawy i fakturami klienta";
    const chinese = "用户在我们网站和移动应用上的浏览记录、点击记录、设备信息以及推广活动来源的完整历史数据汇总表格内容";
    const head = fitRunningHead([PART, CATEGORY, polish], "(ciąg dalszy)", 110, measure);
    expect(head).toMatch(/ › F\. Internet or other… › Historia zamówień, płatności… \(ciąg dalszy\)$/);
    const zh = fitRunningHead([PART, CATEGORY, chinese], "(continued)", 100, measure);
    expect(zh).toMatch(/ › 用户在我们网站和移动应用[^›]*… \(continued\)$/);
    expect(measure(zh)).toBeLessThanOrEqual(100);
  });
});

describe("shortenToWidth", () => {
  it("[CONSUMER]: cuts on a word when one ends near, else between characters", () => {
    expect(shortenToWidth("short", 10, measure)).toBe("short");
    expect(shortenToWidth("Support conversations archive", 25, measure)).toBe("Support conversations…");
    // A word end that would give up more than half of what fits is not worth it.
    expect(shortenToWidth("Support conversations archive", 20, measure)).toBe("Support conversatio…");
    expect(shortenToWidth("Supportconversationsarchive", 10, measure)).toBe("Supportco…");
    expect(shortenToWidth("Support conversations", 12, measure)).toBe("Support…");
    expect(shortenToWidth("Support, conversations", 13, measure)).toBe("Support…");
  });
});

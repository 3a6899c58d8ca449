import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { warnSensitiveUses } from "../../../server/datamap/warn-sensitive-uses";
import { testDialects } from "../../support/dialects";
import { byEmail, createDemoSource, demoMapObject, loadMapObject, type DemoSource } from "./fixtures";

const marcus = demoPerson("never_disclose");
const olivia = demoPerson("ordinary");
const zoe = demoPerson("contact_only");

// Issue 15 item 1: a category row states the practices of the fields of that category actually
// found for the person (1798.110(a)(1)-(4), 1798.115(a); R24, R26), never every practice of every
// dataset the category was seen in.
describe.each(testDialects())("per-field purposes and recipients on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[CATEGORIES]: Marcus's sensitive (L) row lists only what his sensitive fields are used for: no advertising or marketing (7027(m))", async () => {
    const run = await demo.collect(byEmail(marcus), "since_2022");
    const l = run.summary.categories.find((c) => c.category === "L")!;
    expect(l.collected).toBe(true);
    const purposes = l.purposes.map((p) => p.en);
    expect(purposes).toEqual(expect.arrayContaining(["Keeping our services and premises secure and preventing fraud", "Deciding whether to offer invoiced payment terms", "Complying with the law and legal requests"]));
    expect(purposes.join(" ")).not.toMatch(/advertising|marketing/i);
    const recipients = l.disclosedTo.map((r) => r.en).join(" | ");
    expect(recipients).not.toMatch(/E-mail delivery|Customer support software|Customer relationship/);
    expect(l.soldTo).toEqual([]);
    expect(l.sharedWith).toEqual([]);
    // The same fields' other categories keep the whole dataset's practices (his name is in A too).
    const a = run.summary.categories.find((c) => c.category === "A")!;
    expect(a.purposes.map((p) => p.en).join(" ")).toMatch(/marketing/);
  });

  it("[CATEGORIES]: Olivia's geolocation (G) row says what is shared: the IP-derived location only, never the GPS points", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const g = run.summary.categories.find((c) => c.category === "G")!;
    expect(g.sharedWith.map((r) => r.en)).toEqual(["Advertising networks (third parties)"]);
    expect(g.sharedInformation?.map((f) => f.en)).toEqual(["Approximate city (from the IP address)", "Approximate region (from the IP address)", "Country (from the IP address)"]);
    expect(g.sharedInformation?.map((f) => f.en).join(" ")).not.toMatch(/Latitude|Longitude/);
    const l = run.summary.categories.find((c) => c.category === "L")!;
    expect(l.sharedWith).toEqual([]);
    expect(l.sharedInformation).toBeUndefined();
  });

  it("[CATEGORIES]: a category row follows the fields found, not the dataset: without GPS points, G has no GPS purposes", async () => {
    const map = demoMapObject();
    const pings = map.sources[0].datasets.find((d: { id: string }) => d.id === "location_pings");
    pings.purposes = ["performing_services", "internal_research"];
    const datamap = await loadMapObject(map, demo.env);
    const run = await demo.collect(byEmail(olivia), "since_2022", { datamap });
    const g = run.summary.categories.find((c) => c.category === "G")!;
    expect(g.purposes.map((p) => p.en)).toContain("Internal research to develop our technology");
    // Zoë never had the app, so no pings: her G row (her visits' IP city) cannot claim the pings' purpose.
    const zoeRun = await demo.collect(byEmail(zoe), "since_2022", { datamap });
    const zg = zoeRun.summary.categories.find((c) => c.category === "G")!;
    expect(zg.collected).toBe(true);
    expect(zg.purposes.map((p) => p.en)).not.toContain("Internal research to develop our technology");
  });
});

describe("datamap check: sensitive uses beyond 11 CCR 7027(m)", () => {
  it("[DATAMAP]: the demo map has no sensitive field used for advertising, sold or shared", () => {
    expect(warnSensitiveUses(demoMapObject())).toEqual([]);
  });

  it("[DATAMAP]: warns, with the field's place, when an L field inherits a marketing purpose or a sold/shared recipient", () => {
    const map = demoMapObject();
    const crmIndex = map.sources.findIndex((s: { id: string }) => s.id === "legacy_crm");
    const crm = map.sources[crmIndex].datasets[0];
    delete crm.fields.tax_id.purposes;
    const pings = map.sources[0].datasets.find((d: { id: string }) => d.id === "location_pings");
    pings.recipients = { businessPurpose: ["cloud_hosting"], shared: ["advertising_networks"] };
    const warnings = warnSensitiveUses(map).map((w) => `${w.path}: ${w.message}`);
    expect(warnings).toEqual([
      expect.stringMatching(/^sources\[0\]\.datasets\[12\]\.fields\.latitude\.recipients\.shared: sensitive \(L\) field shared to advertising_networks/),
      expect.stringMatching(/^sources\[0\]\.datasets\[12\]\.fields\.longitude\.recipients\.shared: /),
      expect.stringMatching(new RegExp(`^sources\\[${crmIndex}\\]\\.datasets\\[0\\]\\.fields\\.tax_id\\.purposes: sensitive \\(L\\) field used for advertising_marketing`)),
    ]);
  });
});

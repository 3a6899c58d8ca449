import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDatamapJsonSchema } from "../../../server/datamap/build-datamap-json-schema";

describe("the data map's JSON Schema", () => {
  it("[DATAMAP]: docs/data-map.schema.json is generated from the Zod schema and up to date", () => {
    const committed = JSON.parse(fs.readFileSync("docs/data-map.schema.json", "utf8"));
    // If this fails after changing server/datamap/*-schema.ts, regenerate the file:
    //   npm run rtk -- datamap schema docs/data-map.schema.json
    expect(committed).toEqual(buildDatamapJsonSchema());
  });

  it("[DATAMAP]: lists the statutory categories and the never-disclose types for editors", () => {
    const text = JSON.stringify(buildDatamapJsonSchema());
    expect(text).toContain('"enum":["A","B","C","D","E","F","G","H","I","J","K","L"]');
    expect(text).toContain('"security_answer"');
    expect(text).toContain("11 CCR 7024(d)");
  });
});

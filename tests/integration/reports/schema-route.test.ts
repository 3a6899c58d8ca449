import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loader } from "../../../app/routes/schemas.disclosure-v1[.]json";
import { DISCLOSURE_SCHEMA_PATH } from "../../../server/reports/render-disclosure-json";

describe("GET /schemas/disclosure-v1.json", () => {
  it("[CONSUMER]: serves the published schema, without any access check, as application/schema+json", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/schema+json; charset=utf-8");
    expect(await response.text()).toBe(fs.readFileSync("docs/disclosure.schema.json", "utf8"));
    expect(DISCLOSURE_SCHEMA_PATH).toBe("/schemas/disclosure-v1.json");
  });
});

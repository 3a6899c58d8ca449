import { describe, expect, it } from "vitest";
import { newId } from "../../../server/lib/ids";

describe("newId", () => {
  it("[SECURITY]: makes 26-character ids from an unambiguous alphabet that do not repeat (X10)", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it("[SECURITY]: uses every position independently (no repeated halves)", () => {
    const id = newId();
    expect(id.slice(0, 9)).not.toBe(id.slice(17, 26));
  });
});

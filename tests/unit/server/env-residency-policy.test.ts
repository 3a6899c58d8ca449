import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../server/env";

describe("RESIDENCY_POLICY", () => {
  it("[OPS]: defaults to process: a non-resident's request is still answered (R1, ADR 016)", () => {
    expect(parseEnv({}).RESIDENCY_POLICY).toBe("process");
    expect(parseEnv({ RESIDENCY_POLICY: "decline" }).RESIDENCY_POLICY).toBe("decline");
  });

  it("[OPS]: a value other than process or decline stops the start with one line naming the setting", () => {
    expect(() => parseEnv({ RESIDENCY_POLICY: "deny" })).toThrow(EnvError);
    try {
      parseEnv({ RESIDENCY_POLICY: "deny" });
      expect.unreachable();
    } catch (error) {
      const lines = (error as Error).message.split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid setting RESIDENCY_POLICY: .*"process".*"decline"/);
    }
  });
});

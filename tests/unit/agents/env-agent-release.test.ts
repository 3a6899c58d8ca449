import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../server/env";

describe("AGENT_DISCLOSURE_RELEASE", () => {
  it("[OPS]: defaults to consumer: an agent never receives the disclosure unless the business opts in (R23, ADR 013)", () => {
    expect(parseEnv({}).AGENT_DISCLOSURE_RELEASE).toBe("consumer");
    expect(parseEnv({ AGENT_DISCLOSURE_RELEASE: "consumer_and_agent" }).AGENT_DISCLOSURE_RELEASE).toBe("consumer_and_agent");
  });

  it("[OPS]: any other value stops the start with one line naming the setting", () => {
    let message = "";
    try {
      parseEnv({ AGENT_DISCLOSURE_RELEASE: "agent" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^Invalid setting AGENT_DISCLOSURE_RELEASE: .*"consumer".*"consumer_and_agent"/);
  });
});

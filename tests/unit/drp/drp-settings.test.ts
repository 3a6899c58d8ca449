import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../server/env";

function messageOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted the settings");
}

describe("DRP settings", () => {
  it("[OPS]: DRP is off by default and mounted at /drp", () => {
    const env = parseEnv({});
    expect(env.DRP_DIRECTORY).toBeUndefined();
    expect(env.DRP_BASE_PATH).toBe("/drp");
  });

  it("[OPS]: a directory without the business id is refused in one line", () => {
    expect(messageOf({ DRP_DIRECTORY: "server/drp/demo/drp-directory.json" })).toBe("Invalid setting DRP_BUSINESS_ID: required when DRP_DIRECTORY is set");
    expect(parseEnv({ DRP_DIRECTORY: "server/drp/demo/drp-directory.json", DRP_BUSINESS_ID: "PARLAY_DEMO_01" }).DRP_BUSINESS_ID).toBe("PARLAY_DEMO_01");
  });

  it("[OPS]: bad DRP values name the setting once each, without echoing them", () => {
    const message = messageOf({ DRP_DIRECTORY: "ftp://dir.example/agents.json", DRP_BUSINESS_ID: "has spaces in it", DRP_BASE_PATH: "/drp/" });
    expect(message.split("\n").map((l) => l.split(":")[0])).toEqual([
      "Invalid setting DRP_DIRECTORY",
      "Invalid setting DRP_BUSINESS_ID",
      "Invalid setting DRP_BASE_PATH",
    ]);
    expect(message).not.toContain("ftp://");
  });

  it("[OPS]: production takes the agents' keys only over https or from a file", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "mysql://u:p@db:3306/rtk", SMTP_URL: "smtp://mail:25", REPORT_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), SESSION_SECRET: "x".repeat(32), DRP_BUSINESS_ID: "PARLAY_01" };
    expect(messageOf({ ...production, DRP_DIRECTORY: "http://discovery.example/agents.json" })).toBe("Invalid setting DRP_DIRECTORY: must be https:// or a file path when NODE_ENV=production");
    expect(parseEnv({ ...production, DRP_DIRECTORY: "https://discovery.example/agents.json" }).DRP_DIRECTORY).toBe("https://discovery.example/agents.json");
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../server/env";

describe("parseEnv", () => {
  it("[OPS]: with nothing set, everything lives under data/ with SQLite", () => {
    const env = parseEnv({}, "/srv/portal");
    expect(env.DATA_DIR).toBe(path.resolve("/srv/portal/data"));
    expect(env.DATABASE_URL).toBe(`sqlite:${path.resolve("/srv/portal/data/portal.sqlite")}`);
    expect(env.DEMO_SOURCE_URL).toBe(`sqlite:${path.resolve("/srv/portal/data/demo-business.sqlite")}`);
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("http://127.0.0.1:3000");
    expect(env.isProduction).toBe(false);
  });

  it("[OPS]: DATA_DIR moves every default file", () => {
    const env = parseEnv({ DATA_DIR: "/var/lib/rtk" }, "/srv/portal");
    expect(env.DATABASE_URL).toBe("sqlite:/var/lib/rtk/portal.sqlite");
  });

  it("[OPS]: a malformed DATABASE_URL is named in one line without echoing the value", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "postgres://admin:hunter2@db/app" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid setting DATABASE_URL: must be sqlite:/);
      expect(message).not.toContain("hunter2");
      expect(message.split("\n")).toHaveLength(1);
    }
  });

  it("[OPS]: every bad setting is reported, one line each", () => {
    try {
      parseEnv({ PORT: "eighty", LOG_LEVEL: "loud", REPORT_ENCRYPTION_KEY: "c2hvcnQ=" });
      expect.unreachable();
    } catch (error) {
      const lines = (error as Error).message.split("\n");
      expect(lines.map((l) => l.split(":")[0])).toEqual([
        "Invalid setting PORT",
        "Invalid setting LOG_LEVEL",
        "Invalid setting REPORT_ENCRYPTION_KEY",
      ]);
    }
  });

  it("[OPS]: production refuses to start on embedded defaults and the outbox", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/DATABASE_URL: required[\s\S]*SMTP_URL: required/);
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://app:pw@db:3306/rtk",
      SMTP_URL: "smtp://mail:25",
      REPORT_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      SESSION_SECRET: "x".repeat(40),
      PUBLIC_URL: "https://privacy.parlay.example/",
    });
    expect(env.isProduction).toBe(true);
    expect(env.PUBLIC_URL).toBe("https://privacy.parlay.example");
  });
});

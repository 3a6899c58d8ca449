import { describe, expect, it } from "vitest";
import { EnvError, isLoopbackHost, parseEnv } from "../../../server/env";

// Issue 16 item 4: development shows every code at /dev/outbox and seeds a demo admin with a
// published password; it must not listen where another machine can reach it by accident.
describe("development on a network address", () => {
  it("[SECURITY]: development and test refuse a non-loopback HOST, naming the setting and the way out", () => {
    for (const NODE_ENV of ["development", "test"]) {
      for (const HOST of ["0.0.0.0", "::", "192.0.2.10", "portal.example"]) {
        expect(() => parseEnv({ NODE_ENV, HOST })).toThrow(EnvError);
        expect(() => parseEnv({ NODE_ENV, HOST })).toThrow(/^Invalid setting HOST: .*ALLOW_DEMO_ON_NETWORK=1/);
      }
    }
  });

  it("[OPS]: loopback, production, or an explicit ALLOW_DEMO_ON_NETWORK=1 start", () => {
    for (const HOST of ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost"]) expect(parseEnv({ HOST }).HOST).toBe(HOST);
    expect(parseEnv({ HOST: "0.0.0.0", ALLOW_DEMO_ON_NETWORK: "1" }).HOST).toBe("0.0.0.0");
    const production = { NODE_ENV: "production", HOST: "0.0.0.0", DATABASE_URL: "sqlite:/tmp/x.sqlite", SMTP_URL: "smtp://127.0.0.1:2525", REPORT_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), SESSION_SECRET: "s".repeat(32) };
    expect(parseEnv(production).HOST).toBe("0.0.0.0");
    expect(() => parseEnv({ HOST: "0.0.0.0", ALLOW_DEMO_ON_NETWORK: "yes" })).toThrow(/^Invalid setting ALLOW_DEMO_ON_NETWORK/);
  });

  it("[SECURITY]: only real loopback forms count as loopback", () => {
    expect(isLoopbackHost("127.0.0.1.example")).toBe(false);
    expect(isLoopbackHost("1270.0.0.1")).toBe(false);
    expect(isLoopbackHost("::ffff:192.0.2.1")).toBe(false);
    expect(isLoopbackHost("localhost.example")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../server/env";
import { emailCodeMatches, generateEmailCode, hashEmailCode } from "../../../server/verification/email-code-hash";

const env = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "unit-test-session-secret-0123456789abcdef" });
const otherEnv = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "another-session-secret-0123456789abcdef!!" });
const requestId = "0123456789abcdefghjkmnpqrs";

describe("e-mail code hashing", () => {
  it("[SECURITY]: codes are six digits from the whole range", () => {
    const codes = Array.from({ length: 2000 }, generateEmailCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it("[SECURITY]: the stored form is salted, keyed and never contains the code", () => {
    const a = hashEmailCode(env, { requestId, code: "123456" });
    const b = hashEmailCode(env, { requestId, code: "123456" });
    expect(a).not.toBe(b);
    expect(a).not.toContain("123456");
    expect(emailCodeMatches(env, a, { requestId, code: "123456" })).toBe(true);
    expect(emailCodeMatches(env, a, { requestId, code: "123 456" })).toBe(true);
  });

  it("[SECURITY]: a code does not match for another request, browser, secret or a tampered hash", () => {
    const stored = hashEmailCode(env, { requestId, code: "123456", bindTo: "browser-1-xxxxxxxxxx" });
    expect(emailCodeMatches(env, stored, { requestId, code: "123456", bindTo: "browser-1-xxxxxxxxxx" })).toBe(true);
    expect(emailCodeMatches(env, stored, { requestId: "1123456789abcdefghjkmnpqrs", code: "123456", bindTo: "browser-1-xxxxxxxxxx" })).toBe(false);
    expect(emailCodeMatches(env, stored, { requestId, code: "123456", bindTo: "browser-2-xxxxxxxxxx" })).toBe(false);
    expect(emailCodeMatches(otherEnv, stored, { requestId, code: "123456", bindTo: "browser-1-xxxxxxxxxx" })).toBe(false);
    expect(emailCodeMatches(env, stored.replace(/^h1/, "h0"), { requestId, code: "123456", bindTo: "browser-1-xxxxxxxxxx" })).toBe(false);
    expect(emailCodeMatches(env, "garbage", { requestId, code: "123456" })).toBe(false);
  });
});

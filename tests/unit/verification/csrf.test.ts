import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../server/env";
import { computeCsrfToken, isValidCsrfToken } from "../../../server/sessions/csrf";

const env = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "unit-test-session-secret-0123456789abcdef" });
const otherEnv = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "another-session-secret-0123456789abcdef!!" });
const session = { session: "a".repeat(64) };

describe("CSRF tokens", () => {
  it("[SECURITY]: accept the token of the visitor's own session", () => {
    const token = computeCsrfToken(env, session);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isValidCsrfToken(env, [session], token)).toBe(true);
  });

  it("[SECURITY]: refuse a mismatch: another session, another secret, a nonce token for the session, junk", () => {
    const token = computeCsrfToken(env, session);
    expect(isValidCsrfToken(env, [{ session: "b".repeat(64) }], token)).toBe(false);
    expect(isValidCsrfToken(otherEnv, [session], token)).toBe(false);
    expect(isValidCsrfToken(env, [{ nonce: "a".repeat(64) }], token)).toBe(false);
    expect(isValidCsrfToken(env, [session], token.slice(0, 42))).toBe(false);
    expect(isValidCsrfToken(env, [session], `${token.slice(0, 42)}${token.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(isValidCsrfToken(env, [session], undefined)).toBe(false);
    expect(isValidCsrfToken(env, [], token)).toBe(false);
  });

  it("[SECURITY]: accept any one of several bindings", () => {
    const nonce = { nonce: "n".repeat(43) };
    expect(isValidCsrfToken(env, [session, nonce], computeCsrfToken(env, nonce))).toBe(true);
  });
});

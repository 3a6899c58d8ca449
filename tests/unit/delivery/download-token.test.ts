import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashDownloadToken, mintDownloadToken, secretsEqual } from "../../../server/delivery/download-token";

describe("download tokens", () => {
  it("[SECURITY]: are 256-bit base64url strings whose stored id is their SHA-256 (X10)", () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const { token, id } = mintDownloadToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(id).toBe(createHash("sha256").update(token).digest("hex"));
      expect(hashDownloadToken(token)).toBe(id);
      tokens.add(token);
    }
    expect(tokens.size).toBe(1000);
  });

  it("[SECURITY]: a string that cannot be a token has no id (no lookup is made)", () => {
    for (const bad of ["", "short", "a".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`]) {
      expect(hashDownloadToken(bad)).toBeNull();
    }
  });

  it("[SECURITY]: compares secrets exactly, including length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true);
    expect(secretsEqual("abc", "abd")).toBe(false);
    expect(secretsEqual("abc", "abc ")).toBe(false);
    expect(secretsEqual("ABC", "abc")).toBe(false);
  });
});
